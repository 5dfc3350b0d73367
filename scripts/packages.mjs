// The workspace's packages as the build, the packaging tests, the release and the benchmark see them.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const readPackage = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** The package directories, in the root package.json's order: each after the packages it depends on. */
export const packageDirs = () => readPackage(root).workspaces.map((w) => join(root, w));

/** The source and output name of a subpath export: "." is `index`, "./cache" is `cache`. */
export const entryName = (subpath) => (subpath === "." ? "index" : subpath.slice(2));

/** The subpath exports of a package that are modules (not "./package.json"). */
export const moduleSubpaths = (pkg) => Object.keys(pkg.exports).filter((s) => typeof pkg.exports[s] === "object");

