import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../..");
const read = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));
const rootPkg = read("package.json");
const workspaces: string[] = rootPkg.workspaces;
const versions = Object.fromEntries(workspaces.map((w) => [read(`${w}/package.json`).name, read(`${w}/package.json`).version]));

/**
 * The exports entry of every module subpath, in this order (Node and bundlers take the first condition they know):
 * the browser build, where there is one (an ES module, with ES module declarations); types (ES module declarations
 * for `import`, CommonJS ones otherwise); the per-module ES build for bundlers (`module`); Node's ES module entry
 * wherever Node can also require an ES module (`module-sync`), so that import and require share one copy of each
 * class; the same for `import`; the CommonJS build for the rest (`require`: Jest, Node without require(esm)).
 */
function exportEntry(subpath: string, browser: boolean) {
  const name = subpath === "." ? "index" : subpath.slice(2);
  return {
    ...(browser ? { browser: { types: `./dist/types/${name}.d.mts`, default: `./dist/browser/${name}.mjs` } } : {}),
    types: { import: `./dist/types/${name}.d.mts`, default: `./dist/types/${name}.d.ts` },
    module: `./dist/esm/${name}.mjs`,
    "module-sync": `./dist/${name}.mjs`,
    import: `./dist/${name}.mjs`,
    require: `./dist/${name}.cjs`,
  };
}

describe.each(workspaces)("%s/package.json", (workspace) => {
  const pkg = read(`${workspace}/package.json`);
  const subpaths = Object.keys(pkg.exports).filter((s) => typeof pkg.exports[s] === "object");

  it("has the exports entry of every module subpath in the one shape and order, and ./package.json", () => {
    for (const subpath of subpaths) {
      const expected = exportEntry(subpath, "browser" in pkg.exports[subpath]);
      expect([subpath, JSON.stringify(pkg.exports[subpath])]).toEqual([subpath, JSON.stringify(expected)]);
    }
    expect(pkg.exports["./package.json"]).toBe("./package.json");
    expect(Object.keys(pkg.exports)).toEqual([...subpaths, "./package.json"]);
  });

  it("points main, module and types at the root entry, and typesVersions at each other subpath (for moduleResolution node10)", () => {
    expect([pkg.type, pkg.main, pkg.module, pkg.types]).toEqual(["commonjs", "./dist/index.cjs", "./dist/esm/index.mjs", "./dist/types/index.d.ts"]);
    const others = subpaths.filter((s) => s !== ".").map((s) => s.slice(2));
    expect(pkg.typesVersions).toEqual(others.length ? { "*": Object.fromEntries(others.map((n) => [n, [`./dist/types/${n}.d.ts`]])) } : undefined);
  });

  it("says what to publish and how: files, no side effects, engines, public access, licence, repository, homepage, bugs", () => {
    const name = workspace.split("/")[1];
    expect(pkg.name).toBe(`@ssokit/${name}`);
    expect(pkg.files).toEqual([...(pkg.bin ? ["bin"] : []), "dist", "CHANGELOG.md"]);
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines).toEqual(rootPkg.engines);
    expect(pkg.publishConfig).toEqual({ access: "public" });
    expect(pkg.license).toBe("Apache-2.0");
    expect(readFileSync(join(root, workspace, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    expect(pkg.repository).toEqual({ ...rootPkg.repository, directory: workspace });
    const repo = rootPkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect([pkg.homepage, pkg.bugs]).toEqual([`${repo}/tree/main/${workspace}#readme`, rootPkg.bugs]);
    expect(pkg.description.length).toBeGreaterThan(20);
    expect(existsSync(join(root, workspace, "README.md"))).toBe(true);
    // A bin path written "./bin/x.cjs" is dropped, with a warning, by npm publish (npm 11): it must read "bin/x.cjs".
    for (const file of Object.values<string>(pkg.bin ?? {})) expect([file, /^bin\/[\w-]+\.cjs$/.test(file), existsSync(join(root, workspace, file))]).toEqual([file, true, true]);
  });

  it("depends on the workspace's own packages by a caret range of their current version, which a patch release satisfies", () => {
    for (const [dep, range] of Object.entries<string>(pkg.dependencies ?? {})) {
      if (dep.startsWith("@ssokit/")) expect([dep, range]).toEqual([dep, `^${versions[dep]}`]);
    }
  });

  it("has the same version, bins, dependencies and engines in package-lock.json (npm ci links bins from the lock)", () => {
    const locked = read("package-lock.json").packages[workspace];
    const pick = (p: Record<string, any>) => ({ version: p.version, bin: p.bin, dependencies: Object.keys(p.dependencies ?? {}).length ? p.dependencies : undefined, engines: p.engines });
    expect(pick(locked)).toEqual(pick(pkg));
  });

  it("keeps src/version.ts, where there is one, equal to the package's version", () => {
    const file = join(root, workspace, "src/version.ts");
    if (existsSync(file)) expect(readFileSync(file, "utf8")).toContain(`export const VERSION = "${pkg.version}";`);
  });
});
