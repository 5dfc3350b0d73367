// The workspace's packages as the build, the packaging tests, the release and the benchmark see them.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const readPackage = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** The directory of an installed dependency, as Node would find it from `dir`; undefined if there is none. */
export function installed(dep, dir) {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, "node_modules", dep);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (d === dirname(d)) return undefined;
  }
}

/** The package directories, in the root package.json's order: each after the packages it depends on. */
export const packageDirs = () => readPackage(root).workspaces.map((w) => join(root, w));

/** The source and output name of a subpath export: "." is `index`, "./cache" is `cache`. */
export const entryName = (subpath) => (subpath === "." ? "index" : subpath.slice(2));

/** The subpath exports of a package that are modules (not "./package.json"). */
export const moduleSubpaths = (pkg) => Object.keys(pkg.exports).filter((s) => typeof pkg.exports[s] === "object");

