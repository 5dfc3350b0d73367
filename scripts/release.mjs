// `npm run release -- <version>`: prepares a release in the working tree, and by default stops at a dry run.
//   1. Finds the packages that changed since their last release (the git tag <name>@<version>; a package never
//      tagged counts as changed), and the packages whose range on one of them the new version leaves.
//   2. Sets their version, the ranges on them (^<version>), src/version.ts where a package has one, and prepends
//      a section to each one's CHANGELOG.md (the commits that touched it, and the dependencies it now takes).
//   3. Updates package-lock.json, runs `npm test`, then `npm publish --dry-run` for each, in dependency order.
// Every change is in the working tree, for `git diff` to review: nothing is committed, tagged or published.
// `npm run release -- <version> --publish`, on a clean tree where that release is committed, publishes the
// packages at <version> that have no tag yet (tests first, dependency order) and tags each <name>@<version>.
// `--skip-tests` is for the release script's own test, and is refused with --publish.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import semver from "semver";
import { packageDirs, readPackage, root } from "./packages.mjs";

const args = process.argv.slice(2);
const version = args.find((a) => !a.startsWith("--"));
const publish = args.includes("--publish");
const skipTests = args.includes("--skip-tests");
const fail = (message) => {
  console.error(`release: ${message}`);
  process.exit(1);
};
const unknown = args.filter((a) => a.startsWith("--") && !["--publish", "--skip-tests"].includes(a));
if (unknown.length) fail(`unknown option ${unknown.join(", ")}; the options are --publish and --skip-tests.`);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version ?? "")) fail(`give the version to release, such as: npm run release -- 0.2.0 (got ${JSON.stringify(version ?? "")}).`);
if (publish && skipTests) fail("--skip-tests is for the release script's own test; a publish runs the tests.");

const sh = (cmd, cmdArgs, options = {}) => execFileSync(cmd, cmdArgs, { cwd: root, encoding: "utf8", ...options });
const git = (...gitArgs) => sh("git", gitArgs).trim();
const tagExists = (tag) => git("tag", "--list", tag) === tag;
if (git("status", "--porcelain", "--untracked-files=no")) fail("the working tree has uncommitted changes; commit or stash them first, so that the release's changes stand alone.");

const packages = packageDirs().map((dir) => ({ dir, rel: relative(root, dir), pkg: readPackage(dir) }));
const byName = new Map(packages.map((p) => [p.pkg.name, p]));
const internalDeps = (p) => Object.keys(p.pkg.dependencies ?? {}).filter((d) => byName.has(d));
/** Each package after those it depends on. */
const ordered = [];
const visit = (p, path = []) => {
  if (ordered.includes(p)) return;
  if (path.includes(p)) fail(`dependency cycle: ${[...path, p].map((q) => q.pkg.name).join(" -> ")}`);
  for (const d of internalDeps(p)) visit(byName.get(d), [...path, p]);
  ordered.push(p);
};
packages.forEach((p) => visit(p));

function prepare() {
  /** A package changed when a file it ships (anything but its tests) differs from its last release's tag. */
  const since = (p) => (tagExists(`${p.pkg.name}@${p.pkg.version}`) ? `${p.pkg.name}@${p.pkg.version}` : undefined);
  const shipped = (p) => [p.rel, `:(exclude)${p.rel}/test`];
  const changed = (p) => !since(p) || git("diff", "--name-only", since(p), "HEAD", "--", ...shipped(p)) !== "";
  const bumped = new Set(packages.filter(changed));
  // A package whose range on a bumped one excludes the new version must take the new version, and be released too.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of packages) {
      if (bumped.has(p)) continue;
      if (internalDeps(p).some((d) => bumped.has(byName.get(d)) && !semver.satisfies(version, p.pkg.dependencies[d]))) {
        bumped.add(p);
        grew = true;
      }
    }
  }
  for (const p of bumped) if (!semver.lt(p.pkg.version, version)) fail(`${p.pkg.name} is at ${p.pkg.version}; the release's version must be above it.`);
  const date = new Date().toISOString().slice(0, 10);
  for (const p of ordered.filter((q) => bumped.has(q))) {
    const base = since(p);
    const commits = git("log", "--format=%s (%h)", ...(base ? [`${base}..HEAD`] : ["HEAD"]), "--", ...shipped(p)).split("\n").filter(Boolean);
    const deps = internalDeps(p).filter((d) => bumped.has(byName.get(d)));
    const text = readFileSync(join(p.dir, "package.json"), "utf8");
    const manifest = JSON.parse(text);
    manifest.version = version;
    for (const d of deps) manifest.dependencies[d] = `^${version}`;
    writeFileSync(join(p.dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    const versionFile = join(p.dir, "src/version.ts");
    if (existsSync(versionFile)) writeFileSync(versionFile, readFileSync(versionFile, "utf8").replace(/export const VERSION = "[^"]*";/, `export const VERSION = "${version}";`));
    const changelog = join(p.dir, "CHANGELOG.md");
    const previous = existsSync(changelog) ? readFileSync(changelog, "utf8").replace(/^# .*\n+/, "") : "";
    const section = [
      `## ${version} (${date})`,
      "",
      ...(base ? [] : ["First release."]),
      ...commits.map((c) => `- ${c}`),
      ...(deps.length ? [`- Dependencies: ${deps.map((d) => `${d} ^${version}`).join(", ")}`] : []),
      "",
    ].join("\n");
    writeFileSync(changelog, `# ${p.pkg.name} changelog\n\n${section}\n${previous}`.trimEnd() + "\n");
    console.log(`${p.pkg.name}: ${p.pkg.version} -> ${version}${base ? ` (${commits.length} commits since ${base})` : " (first release)"}`);
  }
  if (!bumped.size) fail("no package changed since its last release.");
  sh("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], { stdio: "inherit" });
  return ordered.filter((p) => bumped.has(p));
}

// Packages to publish: in a dry run, those this release bumps; with --publish, those at the version, untagged.
const releasing = publish ? ordered.filter((p) => p.pkg.version === version && !tagExists(`${p.pkg.name}@${version}`)) : prepare();
if (!releasing.length) fail(`no package is at ${version} without its tag; run npm run release -- ${version} first, review and commit.`);
if (!skipTests) sh("npm", ["test"], { stdio: "inherit" });
for (const p of releasing) {
  console.log(`\nnpm publish${publish ? "" : " --dry-run"} ${p.pkg.name}@${version}`);
  sh("npm", ["publish", ...(publish ? [] : ["--dry-run"])], { cwd: p.dir, stdio: "inherit" });
  if (publish) git("tag", `${p.pkg.name}@${version}`);
}
console.log(
  publish
    ? `\nPublished and tagged: ${releasing.map((p) => p.pkg.name).join(", ")}. Push the tags: git push --tags`
    : `\nDry run done: ${releasing.length} packages ready to publish at ${version}. Review the changes (git status, git diff), commit them, then run: npm run release -- ${version} --publish`,
);
