// Packs every workspace package with `npm pack`, once for a given content of the packages: the tarballs land in
// <tmp>/ssokit-packs/<hash of what they contain>/, so the packaging tests of one run (which may start at the same
// time, in several jest workers) share one set, and a later run with the same build reuses it.
// Usage: node scripts/pack.mjs   (prints {"dir": ..., "tarballs": {"@ssokit/core": "/…/ssokit-core-0.1.0.tgz", ...}})
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageDirs, readPackage, root } from "./packages.mjs";

/** Every file under `dir`, sorted, as paths relative to it. */
const files = (dir, prefix = "") =>
  existsSync(join(dir, prefix))
    ? readdirSync(join(dir, prefix), { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => (e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    : [];

/** A hash of what npm packs from each package: its manifest, readme, licence, changelog, dist/ and bin/. */
function contentHash() {
  const hash = createHash("sha256");
  for (const dir of packageDirs()) {
    for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", ...files(dir, "dist"), ...files(dir, "bin")]) {
      if (!existsSync(join(dir, f))) continue;
      hash.update(`${dir}/${f}\0`);
      hash.update(readFileSync(join(dir, f)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

export function packAll() {
  const base = join(tmpdir(), "ssokit-packs");
  const dir = join(base, contentHash());
  const index = join(dir, "tarballs.json");
  if (!existsSync(index)) {
    const staging = `${dir}.${process.pid}`;
    mkdirSync(staging, { recursive: true });
    const out = execFileSync("npm", ["pack", "--workspaces", "--json", "--pack-destination", staging], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const tarballs = Object.fromEntries(JSON.parse(out).map((p) => [p.name, join(dir, p.filename)]));
    const names = packageDirs().map((d) => readPackage(d).name);
    if (names.some((n) => !tarballs[n])) throw new Error(`npm pack did not pack every package: ${Object.keys(tarballs).join(", ")}`);
    writeFileSync(join(staging, "tarballs.json"), JSON.stringify(tarballs));
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another process packed the same content first: use its tarballs.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(index)) throw e;
    }
    // Tarballs of earlier builds are of no further use.
    for (const old of readdirSync(base)) if (join(base, old) !== dir && !old.includes(".")) rmSync(join(base, old), { recursive: true, force: true });
  }
  return { dir, tarballs: JSON.parse(readFileSync(index, "utf8")) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(packAll()));
