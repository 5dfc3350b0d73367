// `npm run release -- <version>` in a clone of this repository: what it changes, in which order it would publish,
// and that everything it changes is in the working tree (no commit, no tag, nothing but what git status shows).
// The clone runs it with --skip-tests: the tests it would run are the ones running this.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { npmEnv } from "./support/npmEnv";

const run = promisify(execFile);
const root = join(__dirname, "../..");
const workspaces: string[] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).workspaces;
const names = workspaces.map((w) => JSON.parse(readFileSync(join(root, w, "package.json"), "utf8")).name as string);
let clone: string;
/** The next minor version above every package's, so that the test holds whatever the repository's versions are. */
const versions = workspaces.map((w) => JSON.parse(readFileSync(join(root, w, "package.json"), "utf8")).version as string);
const [major, minor] = versions.map((v) => v.split(".").map(Number)).sort((a, b) => b[0] - a[0] || b[1] - a[1])[0];
const next = `${major}.${minor + 1}.0`;
const nextPatch = `${major}.${minor + 1}.1`;
/** A version the caret ranges on `next` leave out: the next minor below 1.0.0, the next major from it on. */
const nextBreaking = major === 0 ? `0.${minor + 2}.0` : `${major + 1}.0.0`;

const git = async (...args: string[]) => (await run("git", args, { cwd: clone })).stdout.replace(/\n$/, "");
const release = (...args: string[]) => run(process.execPath, ["scripts/release.mjs", ...args, "--skip-tests"], { cwd: clone, env: npmEnv(), maxBuffer: 64 << 20 });
const manifest = (w: string) => JSON.parse(readFileSync(join(clone, w, "package.json"), "utf8"));
/** The packages `npm publish --dry-run` ran for, in order, as npm reported each. */
const published = (stdout: string) => [...stdout.matchAll(/^\+ (@ssokit\/[\w-]+)@(\S+)$/gm)].map((m) => `${m[1]}@${m[2]}`);

beforeAll(async () => {
  clone = mkdtempSync(join(tmpdir(), "ssokit-release-"));
  await run("git", ["clone", "--quiet", root, clone]);
  // The working tree's release script, in case it differs from the last commit.
  for (const f of ["scripts/release.mjs", "scripts/packages.mjs"]) copyFileSync(join(root, f), join(clone, f));
  // The one package the release script imports (it has no dependencies of its own); nothing else is installed.
  mkdirSync(join(clone, "node_modules"));
  symlinkSync(join(root, "node_modules/semver"), join(clone, "node_modules/semver"), "dir");
  await git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "--allow-empty", "-am", "the working tree's release script");
  // As if nothing had been released yet: every package counts as changed.
  for (const tag of (await git("tag", "--list")).split("\n").filter(Boolean)) await git("tag", "--delete", tag);
}, 60_000);
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("npm run release -- <version> (dry run)", () => {
  let head: string;
  let stdout: string;
  let stderr: string;
  beforeAll(async () => {
    head = await git("rev-parse", "HEAD");
    ({ stdout, stderr } = await release(next));
  }, 180_000);

  it("bumps every package on a first release, and ends with npm publish --dry-run of each, in dependency order", () => {
    expect(published(stdout)).toEqual(names.map((n) => `${n}@${next}`));
    expect(stdout.trim().split("\n").at(-1)).toBe(`Dry run done: ${names.length} packages ready to publish at ${next}. Review the changes (git status, git diff), commit them, then run: npm run release -- ${next} --publish`);
  });

  it("publishes manifests npm takes as they are (no auto-corrected field, such as a bin it would drop), with the changelog", () => {
    expect(stderr).not.toMatch(/auto-corrected|invalid/i);
    expect(stderr.match(/^npm notice [\d.]+k?B CHANGELOG\.md$/gm)).toHaveLength(names.length);
  });

  it("sets the version, the internal ranges, src/version.ts and the lock file", () => {
    for (const w of workspaces) {
      const pkg = manifest(w);
      const internal = Object.entries<string>(pkg.dependencies ?? {}).filter(([d]) => d.startsWith("@ssokit/"));
      expect([pkg.name, pkg.version, internal.every(([, r]) => r === `^${next}`)]).toEqual([pkg.name, next, true]);
      expect(JSON.parse(readFileSync(join(clone, "package-lock.json"), "utf8")).packages[w].version).toBe(next);
    }
    for (const w of ["packages/client-sso-oidc", "packages/cli"]) expect(readFileSync(join(clone, w, "src/version.ts"), "utf8")).toContain(`export const VERSION = "${next}";`);
  });

  it("writes a changelog per package: the version, the date, the commits that touched it", async () => {
    const text = readFileSync(join(clone, "packages/core/CHANGELOG.md"), "utf8");
    const commits = (await git("log", "--format=%s (%h)", "HEAD", "--", "packages/core", ":(exclude)packages/core/test")).split("\n");
    expect(text).toBe(`# @ssokit/core changelog\n\n## ${next} (${new Date().toISOString().slice(0, 10)})\n\nFirst release.\n${commits.map((c) => `- ${c}`).join("\n")}\n`);
  });

  it("changes only files git status shows: no commit, no tag", async () => {
    expect(await git("rev-parse", "HEAD")).toBe(head);
    expect(await git("tag", "--list")).toBe("");
    const status = (await git("status", "--porcelain")).split("\n").sort();
    const expected = [
      " M package-lock.json",
      ...workspaces.map((w) => ` M ${w}/package.json`),
      ...workspaces.map((w) => `?? ${w}/CHANGELOG.md`),
      " M packages/cli/src/version.ts",
      " M packages/client-sso-oidc/src/version.ts",
    ].sort();
    expect(status).toEqual(expected);
  });
});

describe("npm run release -- <version>, after a release", () => {
  beforeAll(async () => {
    // That release committed and tagged, as --publish would leave it; then a change to core alone.
    const author = ["-c", "user.name=test", "-c", "user.email=test@example.com"];
    await git("add", "-A");
    await git(...author, "commit", "--quiet", "-m", `Release ${next}`);
    for (const n of names) await git("tag", `${n}@${next}`);
    writeFileSync(join(clone, "packages/core/src/noOpLogger.ts"), readFileSync(join(clone, "packages/core/src/noOpLogger.ts"), "utf8") + "\n");
    writeFileSync(join(clone, "packages/sso-login/test/tokenCache.test.ts"), readFileSync(join(clone, "packages/sso-login/test/tokenCache.test.ts"), "utf8") + "\n");
    await git(...author, "commit", "--quiet", "-am", "core: a change");
  }, 60_000);
  afterEach(async () => {
    await git("checkout", "--quiet", ".");
    await git("clean", "--quiet", "-fd", "packages");
  });

  it("bumps only the changed package for a patch release, which the others' ranges take (tests are not shipped)", async () => {
    const { stdout } = await release(nextPatch);
    expect(published(stdout)).toEqual([`@ssokit/core@${nextPatch}`]);
    expect(manifest("packages/middleware-retry").dependencies["@ssokit/core"]).toBe(`^${next}`);
    const changelog = readFileSync(join(clone, "packages/core/CHANGELOG.md"), "utf8").split("\n");
    expect(changelog.slice(0, 6)).toEqual(["# @ssokit/core changelog", "", expect.stringMatching(new RegExp(`^## ${nextPatch} \\(\\d{4}-\\d\\d-\\d\\d\\)$`)), "", expect.stringMatching(/^- core: a change \(\w+\)$/), ""]);
    expect(changelog[6]).toMatch(new RegExp(`^## ${next} `));
  }, 120_000);

  it("bumps every package whose range the new version leaves, for a breaking release", async () => {
    const { stdout } = await release(nextBreaking);
    const dependents = names.filter((n) => n !== "@ssokit/core" && n !== "@ssokit/sso-oidc-local");
    expect(published(stdout)).toEqual([`@ssokit/core@${nextBreaking}`, ...dependents.map((n) => `${n}@${nextBreaking}`)]);
    expect(manifest("packages/sso-oidc-local").version).toBe(next);
  }, 120_000);

  it("refuses a version that is not above the current one, and a dirty tree", async () => {
    await expect(release(next)).rejects.toMatchObject({ stderr: `release: @ssokit/core is at ${next}; the release's version must be above it.\n` });
    writeFileSync(join(clone, "README.md"), "changed\n");
    await expect(release(nextPatch)).rejects.toMatchObject({ stderr: expect.stringMatching(/^release: the working tree has uncommitted changes/) });
  });
});
