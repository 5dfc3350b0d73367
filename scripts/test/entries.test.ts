import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../..");
const workspaces: string[] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).workspaces;

/** Every module subpath of every package, as an import specifier, with the file name of its entry. */
const entries = workspaces.flatMap((w) => {
  const pkg = JSON.parse(readFileSync(join(root, w, "package.json"), "utf8"));
  return Object.keys(pkg.exports)
    .filter((s) => typeof pkg.exports[s] === "object")
    .map((s) => ({ specifier: s === "." ? pkg.name : `${pkg.name}/${s.slice(2)}`, file: `${w}/dist/${s === "." ? "index" : s.slice(2)}.mjs` }));
});

// One process imports and requires every entry, as an application would by package name (the built packages).
const program = `
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/");
const out = [];
for (const specifier of ${JSON.stringify(entries.map((e) => e.specifier))}) {
  const esm = await import(specifier);
  const cjs = require(specifier);
  const names = Object.keys(esm).filter((k) => k !== "default");
  out.push({
    specifier,
    imported: import.meta.resolve(specifier).replace("file://" + process.cwd() + "/", ""),
    required: require.resolve(specifier).replace(process.cwd() + "/", ""),
    names: names.length,
    shared: names.filter((k) => esm[k] === cjs[k]).length,
  });
}
console.log(JSON.stringify(out));
`;

describe("the built entries of every package", () => {
  let results: { specifier: string; imported: string; required: string; names: number; shared: number }[];
  beforeAll(async () => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", program], { cwd: root });
    results = JSON.parse(stdout);
  });

  it("finds every module subpath", () => {
    expect(results.map((r) => r.specifier)).toEqual(entries.map((e) => e.specifier));
    expect(entries.length).toBeGreaterThanOrEqual(12);
  });

  it.each(entries)("$specifier: Node's import and require load the one ES module entry, so every export is one and the same", ({ specifier, file }) => {
    const r = results.find((x) => x.specifier === specifier)!;
    expect([r.imported, r.required]).toEqual([file, file]);
    expect(r.names).toBeGreaterThan(0);
    expect(r.shared).toBe(r.names);
  });
});
