import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";

const run = promisify(execFile);
const root = join(__dirname, "../..");
const workspaces: string[] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).workspaces;
const manifests = workspaces.map((w) => JSON.parse(readFileSync(join(root, w, "package.json"), "utf8")));

/**
 * Messages of publint and attw that a package may have, each with the reason it is right as it is. Every other
 * message fails the test, and so does an entry here that no longer occurs (the list cannot go stale).
 */
const ALLOWED: Record<string, { tool: "publint" | "attw"; code: string; reason: string }[]> = {};

interface Report {
  name: string;
  publint: { level: string; code: string; message: string }[];
  attw: { kind: string }[];
  entrypoints: string[];
}

/** The paths and bytes of the files in a .tgz (ustar: 512-byte headers, the name split into prefix and name). */
function untar(file: string): Map<string, Buffer> {
  const data = gunzipSync(readFileSync(file));
  const files = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= data.length; ) {
    const field = (start: number, length: number) => data.subarray(at + start, at + start + length).toString("latin1").replace(/\0.*$/s, "");
    const name = field(0, 100);
    if (!name) break;
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const prefix = field(345, 155);
    files.set(prefix ? `${prefix}/${name}` : name, data.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

let reports: Report[];
let tarballs: Record<string, string>;
beforeAll(async () => {
  const { stdout } = await run(process.execPath, [join(root, "scripts/checkPackages.mjs")], { cwd: root, maxBuffer: 64 << 20 });
  ({ tarballs, reports } = JSON.parse(stdout));
}, 180_000);

describe.each(manifests.map((m) => [m.name, m]))("the packed %s", (name, manifest) => {
  it("passes publint and attw, but for the messages listed with a reason", () => {
    const report = reports.find((r) => r.name === name)!;
    const found = [...report.publint.map((m) => ({ tool: "publint", code: m.code, detail: m.message })), ...report.attw.map((p) => ({ tool: "attw", code: p.kind, detail: JSON.stringify(p) }))];
    const allowed = ALLOWED[name] ?? [];
    expect(found.filter((f) => !allowed.some((a) => a.tool === f.tool && a.code === f.code))).toEqual([]);
    expect(allowed.filter((a) => !found.some((f) => f.tool === a.tool && f.code === a.code))).toEqual([]);
  });

  it("had attw check every subpath export", () => {
    expect(reports.find((r) => r.name === name)!.entrypoints).toEqual(Object.keys(manifest.exports));
  });

  it("ships the licence, readme, manifest, build and bins, and nothing of the sources or tests", () => {
    const files = untar(tarballs[name]);
    const paths = [...files.keys()].map((p) => p.replace(/^package\//, ""));
    expect(files.get("package/LICENSE")?.toString()).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    for (const f of ["README.md", "package.json", "dist/index.mjs", "dist/index.cjs", "dist/esm/index.mjs", "dist/types/index.d.ts", "dist/types/index.d.mts", ...Object.values<string>(manifest.bin ?? {})]) {
      expect([f, paths.includes(f)]).toEqual([f, true]);
    }
    expect(paths.filter((p) => !/^(LICENSE|README\.md|CHANGELOG\.md|package\.json|dist\/.+|bin\/.+)$/.test(p) || p.endsWith(".tsbuildinfo"))).toEqual([]);
  });
});
