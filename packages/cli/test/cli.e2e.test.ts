import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import net from "node:net";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { giveToUnprivileged } from "../../sso-login/test/support/nodeScript";

// The command as npm links it: the committed bin/sso-oidc.cjs, which runs the build in dist/.
const bin = join(__dirname, "../bin/sso-oidc.cjs");
const runProcess = promisify(execFile);
const START_URL = "https://d-1234567890.awsapps.com/start";
let server: LocalServer;
let cacheDir: string;

beforeEach(async () => {
  server = await startLocalServer();
  cacheDir = join(mkdtempSync(join(tmpdir(), "ssokit-cli-")), "sso", "cache");
});
afterEach(async () => {
  await server.close();
  rmSync(join(cacheDir, "../.."), { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `sso-oidc` bin. `user` acts as the person at the browser: it gets the URL the CLI printed and
 * answers the verification page over HTTP, as a browser would.
 */
function run(args: string[], user?: (url: string) => Promise<unknown>, env: Record<string, string> = {}, { unprivileged = false } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // None of the caller's AWS settings (no profile, a config file that does not exist): theirs must not change what a test does.
    const { AWS_PROFILE, AWS_CONFIG_FILE, ...inherited } = process.env;
    const noConfig = join(tmpdir(), "ssokit-no-aws-config");
    // `unprivileged`: as nobody when the tests run as root, for whom no file permission would hold.
    const as = unprivileged && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawn(process.execPath, [bin, ...args], { env: { ...inherited, DISPLAY: "", AWS_CONFIG_FILE: noConfig, ...env }, ...as });
    let stdout = "";
    let stderr = "";
    let acted = false;
    const watch = (text: string) => {
      const url = text.match(/(http:\/\/127\.0\.0\.1:\d+\/(?:device\?user_code=[A-Z-]+|authorize\?\S+))/)?.[1];
      if (url && user && !acted) {
        acted = true;
        user(url).catch(reject);
      }
    };
    child.stdout.on("data", (c) => watch((stdout += c)));
    child.stderr.on("data", (c) => watch((stderr += c)));
    child.on("error", reject);
    // A run that waits on something that never comes (an approval nobody gives) ends all the same.
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Answers the verification pages (confirm the code, then allow or deny), as a person at a browser does. */
const answer = (url: string, action: "approve" | "deny") => server.completeVerification(url, action);

const loginArgs = (...extra: string[]) => ["login", "--start-url", START_URL, "--region", "us-east-1", "--endpoint", server.url, "--cache-dir", cacheDir, "--no-browser", ...extra];
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

describe("sso-oidc login", () => {
  it("signs in through the verification page and writes the AWS CLI cache file, 0600, named by the session's sha1", async () => {
    const result = await run(loginArgs("--session-name", "my-sso"), (url) => answer(url, "approve"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/To sign in, open this URL:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/device\?user_code=[A-Z]{4}-[A-Z]{4}\n/);
    expect(result.stdout).toMatch(/check that the page shows the code: {2}[A-Z]{4}-[A-Z]{4}\n/);
    expect(result.stdout).toContain("▀");
    expect(result.stdout).toMatch(/Signed in\. The token is valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(60 min\)\./);
    const file = join(cacheDir, `${sha1("my-sso")}.json`);
    expect(readdirSync(cacheDir)).toEqual([`${sha1("my-sso")}.json`]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    const cached = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(cached).sort()).toEqual(["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"]);
    expect(cached.startUrl).toBe(START_URL);
    expect(cached.region).toBe("us-east-1");
    expect(cached.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cached.registrationExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cached.accessToken).toMatch(/^aoa-/);
    // No secret on the terminal.
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret]) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("reuses the cached client registration on a second login", async () => {
    await run(loginArgs(), (url) => answer(url, "approve"));
    expect(server.calls().RegisterClient).toBe(1);
    const second = await run(loginArgs(), (url) => answer(url, "approve"));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("(client registration reused)");
    expect(server.calls().RegisterClient).toBe(1);
    expect(readdirSync(cacheDir)).toEqual([`${sha1(START_URL)}.json`]);
  });

  it("prints one JSON result with --json, instructions on stderr", async () => {
    const result = await run(loginArgs("--json"), (url) => answer(url, "approve"));
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toEqual({
      ok: true,
      startUrl: START_URL,
      region: "us-east-1",
      expiresAt: expect.stringMatching(/Z$/),
      cacheFile: join(cacheDir, `${sha1(START_URL)}.json`),
      registrationReused: false,
    });
    expect(result.stderr).toContain("To sign in, open this URL");
  });

  it("exits 3 with a one-line reason when the user denies", async () => {
    const result = await run(loginArgs(), (url) => answer(url, "deny"));
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("sso-oidc: The sign-in request was denied. Start the login again if that was a mistake.\n");
    expect(existsSync(cacheDir)).toBe(false);
  });

  it("exits 4 when the request expires", async () => {
    server.failNext("CreateToken", 1, { exception: "ExpiredTokenException" });
    const result = await run(loginArgs("--json"));
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, code: "Expired", message: expect.stringContaining("expired") });
  });

  it("exits 5 when the service cannot be reached", async () => {
    const closed = await startLocalServer();
    const url = closed.url;
    await closed.close();
    const result = await run(["login", "--start-url", START_URL, "--region", "us-east-1", "--endpoint", url, "--cache-dir", cacheDir, "--no-browser"]);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^sso-oidc: Request to http:\/\/127\.0\.0\.1:\d+ failed \(.*\); check the endpoint and network\. Gave up after 3 attempts in 0:0\d\.\n$/);
  });

  it("says what it waits on when the service accepts and never answers: each retry, the time spent, and how many attempts at the end", async () => {
    // A service that takes the connection and says nothing.
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const host = `127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const result = await run(["login", "--start-url", START_URL, "--region", "us-east-1", "--endpoint", `http://${host}`, "--cache-dir", cacheDir, "--no-browser", "--request-timeout", "0.5"]);
      expect(result.code).toBe(5);
      expect(result.stdout.split("\n")).toEqual([
        expect.stringMatching(new RegExp(`^Retrying RegisterClient at ${host}: attempt 2 of 3, 0:0\\d so far \\(the last one: No response from http://${host} within requestTimeout \\(500 ms\\)\\.\\)$`)),
        expect.stringMatching(new RegExp(`^Retrying RegisterClient at ${host}: attempt 3 of 3, 0:0\\d so far \\(the last one: No response from http://${host} within requestTimeout \\(500 ms\\)\\.\\)$`)),
        "",
      ]);
      expect(result.stderr).toMatch(new RegExp(`^sso-oidc: No response from http://${host} within requestTimeout \\(500 ms\\)\\. Gave up after 3 attempts in 0:0\\d\\.\\n$`));
      expect(held.length).toBe(3);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("exits 2 naming the flag and what is allowed, for bad flags", async () => {
    const unknown = await run(["login", "--start", START_URL]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--start'. Allowed: --profile, --sso-session, --session-name, --start-url, --region, --scopes, --endpoint, --request-timeout, --pkce, --redirect-port, --no-browser, --cache-dir, --json, --help.");
    const missing = await run(["login", "--start-url", START_URL]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--region is required");
    const badUrl = await run(["login", "--start-url", "portal", "--region", "us-east-1"]);
    expect(badUrl.stderr).toContain('--start-url must be an http(s) URL, such as https://d-1234567890.awsapps.com/start; got "portal".');
    const badRegion = await run(["login", "--start-url", START_URL, "--region", "Mars"]);
    expect(badRegion.stderr).toContain('--region must be a region name such as us-east-1; got "Mars".');
  });

  it("exits 7 before any sign-in starts when the cache directory cannot be written", async () => {
    // A path under a file; and, for a user who may not write there, a read-only directory.
    const base = join(cacheDir, "../..");
    writeFileSync(join(base, "a-file"), "");
    const underFile = join(base, "a-file", "cache");
    const notFile = await run(["login", "--start-url", START_URL, "--region", "us-east-1", "--endpoint", server.url, "--cache-dir", underFile, "--no-browser"]);
    expect([notFile.code, notFile.stdout, notFile.stderr]).toEqual([7, "", `sso-oidc: Tokens cannot be saved in ${underFile} (ENOTDIR); use a directory you can write to.\n`]);
    mkdirSync(cacheDir, { recursive: true });
    giveToUnprivileged(base);
    chmodSync(cacheDir, 0o500);
    const readOnly = await run(loginArgs(), undefined, {}, { unprivileged: true });
    chmodSync(cacheDir, 0o700);
    expect([readOnly.code, readOnly.stderr]).toEqual([7, `sso-oidc: Tokens cannot be saved in ${cacheDir} (EACCES); use a directory you can write to.\n`]);
    expect(server.calls()).toEqual({ RegisterClient: 0, StartDeviceAuthorization: 0, CreateToken: 0, CreateTokenWithIAM: 0 });
  });

  it("reports a corrupt cache file and replaces it", async () => {
    const file = join(cacheDir, `${sha1(START_URL)}.json`);
    require("node:fs").mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, "{ not json");
    const result = await run(loginArgs(), (url) => answer(url, "approve"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`warning: The token cache file ${file} is not a cached token; delete it or log in again. It will be replaced.`);
    expect(JSON.parse(readFileSync(file, "utf8")).accessToken).toMatch(/^aoa-/);
  });
});

describe("sso-oidc login --pkce", () => {
  const pkceArgs = (...extra: string[]) => loginArgs("--pkce", "--session-name", "pkce-sso", ...extra);
  const file = () => join(cacheDir, `${sha1("pkce-sso")}.json`);

  it("signs in with the authorization code grant through the browser and the loopback, and caches a refreshable token", async () => {
    const result = await run(pkceArgs(), (url) => server.completeAuthorization(url));
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/^To sign in, open this URL in a browser on this machine:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/authorize\?response_type=code&client_id=/);
    expect(result.stdout).not.toContain("▀");
    expect(result.stdout).toMatch(/Signed in\. The token is valid until .*Z \(60 min\)\./);
    const cached = JSON.parse(readFileSync(file(), "utf8"));
    expect(Object.keys(cached).sort()).toEqual(["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"]);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret]) expect(result.stdout + result.stderr).not.toContain(secret);
    // The token refreshes with the registration the sign-in used.
    const refreshed = await run(["refresh", "--session-name", "pkce-sso", "--endpoint", server.url, "--cache-dir", cacheDir, "--force"]);
    expect([refreshed.code, refreshed.stdout.startsWith("Refreshed.")]).toEqual([0, true]);
    // A device login afterwards registers its own client instead of failing on this one.
    const device = await run(loginArgs("--session-name", "pkce-sso"), (url) => answer(url, "approve"));
    expect([device.code, device.stdout.includes("client registration reused")]).toEqual([0, false]);
  });

  it("exits 3 when the user denies in the browser", async () => {
    const result = await run(pkceArgs(), (url) => server.completeAuthorization(url, "deny"));
    expect([result.code, result.stderr]).toEqual([3, "sso-oidc: The sign-in was denied in the browser. Start the login again if that was a mistake.\n"]);
    expect(existsSync(file())).toBe(false);
  });

  it("exits 2 for a bad --redirect-port, or one without --pkce", async () => {
    const bad = await run(pkceArgs("--redirect-port", "70000"));
    expect([bad.code, bad.stderr.split("\n")[0]]).toEqual([2, 'sso-oidc: --redirect-port must be a port number from 1 to 65535; got "70000".']);
    const alone = await run(loginArgs("--redirect-port", "8400"));
    expect([alone.code, alone.stderr.split("\n")[0]]).toEqual([2, "sso-oidc: --redirect-port goes with --pkce."]);
  });
});

describe("sso-oidc refresh", () => {
  const refreshArgs = (...extra: string[]) => ["refresh", "--session-name", "my-sso", "--endpoint", server.url, "--cache-dir", cacheDir, ...extra];
  const file = () => join(cacheDir, `${sha1("my-sso")}.json`);
  const signIn = async () => expect((await run(loginArgs("--session-name", "my-sso"), (url) => answer(url, "approve"))).code).toBe(0);

  it("leaves a token that is not due alone, sending nothing", async () => {
    await signIn();
    const before = readFileSync(file(), "utf8");
    const calls = server.calls().CreateToken;
    const result = await run(refreshArgs());
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/^No refresh needed\. The token is valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \((59|60) min\)\.\n$/);
    expect([server.calls().CreateToken - calls, readFileSync(file(), "utf8")]).toEqual([0, before]);
  });

  it("refreshes with --force: a new token in the same 0600 file, and no secret printed", async () => {
    await signIn();
    const old = JSON.parse(readFileSync(file(), "utf8"));
    const result = await run(refreshArgs("--force"));
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/^Refreshed\. The token is valid until .*Z \((59|60) min\)\.\n$/);
    const fresh = JSON.parse(readFileSync(file(), "utf8"));
    expect([fresh.accessToken === old.accessToken, fresh.refreshToken === old.refreshToken, fresh.clientId === old.clientId]).toEqual([false, false, true]);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    for (const secret of [old.accessToken, old.refreshToken, fresh.accessToken, fresh.refreshToken, fresh.clientSecret]) expect(result.stdout).not.toContain(secret);
  });

  it("prints one JSON result with --json", async () => {
    await signIn();
    const result = await run(refreshArgs("--force", "--json"));
    const fresh = JSON.parse(readFileSync(file(), "utf8"));
    expect([result.code, JSON.parse(result.stdout)]).toEqual([0, { ok: true, refreshed: true, expiresAt: fresh.expiresAt, cacheFile: file() }]);
  });

  it("exits 8, sign in again, when there is no token or an expired one the service will not refresh", async () => {
    const signInLine = `Sign in with: sso-oidc login --start-url URL --region REGION --session-name my-sso --endpoint ${server.url} --cache-dir ${cacheDir}\n`;
    const none = await run(refreshArgs());
    expect([none.code, none.stderr]).toEqual([8, `sso-oidc: No cached token in ${file()}; sign in first (sso-oidc login).\n${signInLine}`]);
    const noneJson = await run(refreshArgs("--json"));
    expect([noneJson.code, JSON.parse(noneJson.stdout).code]).toEqual([8, "NoCachedToken"]);
    await signIn();
    const cached = JSON.parse(readFileSync(file(), "utf8"));
    writeFileSync(file(), JSON.stringify({ ...cached, expiresAt: "2020-01-01T00:00:00Z", refreshToken: "aor-revoked" }));
    const refused = await run(refreshArgs());
    expect([refused.code, refused.stderr]).toEqual([8, `sso-oidc: The cached token in ${file()} could not be refreshed (InvalidGrantException). Sign in again (sso-oidc login).\n${signInLine}`]);
  });

  it("exits 7 naming the file when the refreshed token cannot be saved, and prints no secret", async () => {
    await signIn();
    const old = JSON.parse(readFileSync(file(), "utf8"));
    giveToUnprivileged(join(cacheDir, "../.."));
    chmodSync(cacheDir, 0o500);
    const result = await run(refreshArgs("--force"), undefined, {}, { unprivileged: true });
    chmodSync(cacheDir, 0o700);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      7,
      "",
      `sso-oidc: The token was refreshed, but it could not be saved to ${file()} (EACCES). Make that directory writable, then sign in again (sso-oidc login): the cached refresh token is used up.\n`,
    ]);
    expect(JSON.parse(readFileSync(file(), "utf8"))).toEqual(old);
  });

  it("exits 2 unless exactly one of --session-name and --start-url is given", async () => {
    const both = await run(["refresh", "--session-name", "a", "--start-url", START_URL]);
    expect([both.code, both.stderr]).toEqual([2, "sso-oidc: refresh: give --profile or --sso-session, or exactly one of --session-name or --start-url.\nRun sso-oidc refresh --help for the flags.\n"]);
    expect((await run(["refresh", "--help"])).stdout).toMatch(/^Usage: sso-oidc refresh /);
  });
});

describe("sso-oidc logout", () => {
  it("removes the cached token, and says so when there is none", async () => {
    await run(loginArgs("--session-name", "s"), (url) => answer(url, "approve"));
    const first = await run(["logout", "--session-name", "s", "--cache-dir", cacheDir]);
    expect([first.code, first.stdout]).toEqual([0, `Removed the cached token ${join(cacheDir, `${sha1("s")}.json`)}.\n`]);
    const again = await run(["logout", "--session-name", "s", "--cache-dir", cacheDir]);
    expect(again.stdout).toMatch(/^No cached token at .*; nothing to do\.\n$/);
    const both = await run(["logout", "--session-name", "s", "--start-url", START_URL]);
    expect([both.code, both.stderr]).toEqual([2, "sso-oidc: logout: give --profile or --sso-session, or exactly one of --session-name or --start-url.\nRun sso-oidc logout --help for the flags.\n"]);
  });
});

describe("the AWS config file", () => {
  const CONFIG = [
    "[profile dev]", "sso_session = corp", "sso_account_id = 111122223333", "sso_role_name = Developer", "",
    "[profile old-style]", `sso_start_url = ${START_URL}`, "sso_region = us-east-1", "",
    "[profile keys-only]", "aws_access_key_id = AKIAEXAMPLE", "",
    "[sso-session corp]", `sso_start_url = ${START_URL}`, "sso_region = us-east-1", "sso_registration_scopes = sso:account:access", "",
  ].join("\n");
  let configEnv: Record<string, string>;
  beforeEach(() => {
    const file = join(cacheDir, "../..", "config");
    writeFileSync(file, CONFIG);
    configEnv = { AWS_CONFIG_FILE: file };
  });
  const common = ["--endpoint", "", "--cache-dir", ""];
  const withServer = (...args: string[]) => [...args, ...common].map((a, i, all) => (all[i - 1] === "--endpoint" ? server.url : all[i - 1] === "--cache-dir" ? cacheDir : a));

  it("signs in with --profile: the session's start URL and region, the file named after the session", async () => {
    const result = await run(withServer("login", "--profile", "dev", "--no-browser"), (url) => answer(url, "approve"), configEnv);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(readdirSync(cacheDir)).toEqual([`${sha1("corp")}.json`]);
    const cached = JSON.parse(readFileSync(join(cacheDir, `${sha1("corp")}.json`), "utf8"));
    expect([cached.startUrl, cached.region]).toEqual([START_URL, "us-east-1"]);
    // refresh and logout find the same file by profile, by session, and by AWS_PROFILE alone.
    const refreshed = await run(withServer("refresh", "--sso-session", "corp", "--force"), undefined, configEnv);
    expect([refreshed.code, refreshed.stdout]).toEqual([0, expect.stringMatching(/^Refreshed\./)]);
    const fresh = JSON.parse(readFileSync(join(cacheDir, `${sha1("corp")}.json`), "utf8"));
    const printed = result.stdout + result.stderr + refreshed.stdout + refreshed.stderr;
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret, fresh.accessToken, fresh.refreshToken]) expect(printed.includes(secret)).toBe(false);
    const out = await run(["logout", "--cache-dir", cacheDir], undefined, { ...configEnv, AWS_PROFILE: "dev" });
    expect([out.code, out.stdout]).toEqual([0, `Removed the cached token ${join(cacheDir, `${sha1("corp")}.json`)}.\n`]);
  });

  it("keeps a legacy profile's token under its start URL, as the AWS CLI does", async () => {
    const result = await run(withServer("login", "--profile", "old-style", "--no-browser"), (url) => answer(url, "approve"), configEnv);
    expect(result.code).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([`${sha1(START_URL)}.json`]);
  });

  it.each([
    [["login", "--profile", "nobody"], "There is no [profile nobody] section; add it, or name another profile (in CONFIG)."],
    [["login", "--profile", "keys-only"], "[profile keys-only] has no SSO settings; give it sso_session (or sso_start_url and sso_region) (in CONFIG)."],
    [["refresh", "--sso-session", "elsewhere"], "There is no [sso-session elsewhere] section; add one with sso_start_url and sso_region (in CONFIG)."],
    [["login", "--profile", "dev", "--start-url", START_URL], "login: --profile and --sso-session take the start URL, region and session name from the AWS config; leave out --start-url."],
    [["logout", "--sso-session", "corp", "--session-name", "x"], "logout: --profile and --sso-session take the start URL, region and session name from the AWS config; leave out --session-name."],
  ])("exits 2 for %j, saying what to fix", async (args, message) => {
    const result = await run(args, undefined, configEnv);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(`sso-oidc: ${message.replace("CONFIG", configEnv.AWS_CONFIG_FILE)}`);
  });

  it("status lists each session with its profiles and its token's state, and what to run, never a token", async () => {
    const file = configEnv.AWS_CONFIG_FILE;
    writeFileSync(file, `${CONFIG}\n[sso-session spare]\nsso_start_url = https://d-spare00000.awsapps.com/start\nsso_region = eu-west-1\n\n[sso-session broken]\nsso_start_url = https://d-broken0000.awsapps.com/start\nsso_region = eu-west-1\n`);
    expect((await run(withServer("login", "--profile", "dev", "--no-browser"), (url) => answer(url, "approve"), configEnv)).code).toBe(0);
    const legacyFile = join(cacheDir, `${sha1(START_URL)}.json`);
    writeFileSync(legacyFile, JSON.stringify({ startUrl: START_URL, region: "us-east-1", accessToken: "aoa-old-secret-token", expiresAt: "2020-01-01T00:00:00Z" }));
    writeFileSync(join(cacheDir, `${sha1("broken")}.json`), "{not json");

    const human = await run(["status", "--cache-dir", cacheDir], undefined, configEnv);
    expect([human.code, human.stderr]).toEqual([0, ""]);
    expect(human.stdout.split("\n")).toEqual([
      `SSO sessions in ${file}:`,
      "",
      "sso-session corp (profiles: dev)",
      `  ${START_URL}, us-east-1`,
      expect.stringMatching(/^ {2}valid for (59|60) min \(until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), refreshable$/),
      "",
      "sso-session spare (no profile uses it)",
      "  https://d-spare00000.awsapps.com/start, eu-west-1",
      "  no cached token; sign in with: sso-oidc login --sso-session spare",
      "",
      "sso-session broken (no profile uses it)",
      "  https://d-broken0000.awsapps.com/start, eu-west-1",
      "  the cache file is not a token; sign in again with: sso-oidc login --sso-session broken",
      "",
      "legacy profiles (profiles: old-style)",
      `  ${START_URL}, us-east-1`,
      "  expired at 2020-01-01T00:00:00Z, not refreshable; sign in with: sso-oidc login --profile old-style",
      "",
    ]);
    const cached = JSON.parse(readFileSync(join(cacheDir, `${sha1("corp")}.json`), "utf8"));
    const machine = await run(["status", "--cache-dir", cacheDir, "--json"], undefined, configEnv);
    const result = JSON.parse(machine.stdout);
    expect([machine.code, result.ok, result.configFile, result.sessions.map((s: { sessionName?: string; token: string; refreshable?: boolean }) => [s.sessionName, s.token, s.refreshable])]).toEqual([
      0, true, file,
      [["corp", "valid", true], ["spare", "none", undefined], ["broken", "unreadable", undefined], [undefined, "expired", false]],
    ]);
    expect(result.sessions[0]).toMatchObject({ startUrl: START_URL, region: "us-east-1", profiles: ["dev"], cacheFile: join(cacheDir, `${sha1("corp")}.json`), expiresAt: cached.expiresAt });
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret, "aoa-old-secret-token"]) expect((human.stdout + machine.stdout).includes(secret)).toBe(false);
  });

  it("status points at refresh for a token that is due or expired but refreshable", async () => {
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    const token = (expiresAt: string) => JSON.stringify({ startUrl: START_URL, region: "us-east-1", accessToken: "aoa-x", expiresAt, clientId: "cid", clientSecret: "cs", registrationExpiresAt: iso(Date.now() + 86_400_000), refreshToken: "aor-x" });
    writeFileSync(configEnv.AWS_CONFIG_FILE, `[sso-session soon]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n\n[sso-session gone]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, `${sha1("soon")}.json`), token(iso(Date.now() + 150_000)));
    writeFileSync(join(cacheDir, `${sha1("gone")}.json`), token("2020-01-01T00:00:00Z"));
    const lines = (await run(["status", "--cache-dir", cacheDir], undefined, configEnv)).stdout.split("\n");
    expect(lines[4]).toMatch(/^ {2}valid for [23] min \(until .*Z\), refreshable; due, renew with: sso-oidc refresh --sso-session soon$/);
    expect(lines[8]).toBe("  expired at 2020-01-01T00:00:00Z; renew with: sso-oidc refresh --sso-session gone");
  });

  it("status says so when the AWS config has no SSO session", async () => {
    const result = await run(["status", "--cache-dir", cacheDir], undefined, { AWS_CONFIG_FILE: join(cacheDir, "none") });
    expect([result.code, result.stdout]).toEqual([0, `No SSO sessions in ${join(cacheDir, "none")}. Add an [sso-session] section, or sign in with sso-oidc login --start-url URL --region REGION.\n`]);
  });

  it("asks for a session when neither flags, AWS_PROFILE nor an SSO default profile name one", async () => {
    const result = await run(["login"], undefined, configEnv);
    expect([result.code, result.stderr.split("\n")[0]]).toEqual([2, "sso-oidc: login: give --start-url and --region, or --profile or --sso-session to read them from the AWS config."]);
    writeFileSync(configEnv.AWS_CONFIG_FILE, `${CONFIG}\n[default]\nregion = us-east-1\n`);
    const notSso = await run(["refresh"], undefined, configEnv);
    expect([notSso.code, notSso.stderr.split("\n")[0]]).toEqual([2, "sso-oidc: refresh: give --profile or --sso-session, or exactly one of --session-name or --start-url."]);
  });

  it("uses the default profile when nothing else names a session and it is an SSO profile", async () => {
    writeFileSync(configEnv.AWS_CONFIG_FILE, `${CONFIG}\n[default]\nsso_session = corp\n`);
    const result = await run(withServer("login", "--no-browser"), (url) => answer(url, "approve"), configEnv);
    expect(result.code).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([`${sha1("corp")}.json`]);
    const out = await run(["logout", "--cache-dir", cacheDir], undefined, configEnv);
    expect([out.code, out.stdout]).toEqual([0, `Removed the cached token ${join(cacheDir, `${sha1("corp")}.json`)}.\n`]);
  });
});

describe("sso-oidc help and commands", () => {
  it.each(["login", "refresh", "logout", "status", "local"])("prints help for %s", async (command) => {
    const result = await run([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: sso-oidc ${command}`));
  });

  it("prints its version with --version", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, "../package.json"), "utf8"));
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `sso-oidc ${version}\n`, stderr: "" });
  });

  it("says in its help that login signs in with a device code or, with --pkce, the browser", async () => {
    const { stdout } = await run(["--help"]);
    expect(stdout).toContain("login    sign in to AWS IAM Identity Center (a device code, or with --pkce the browser on this machine)");
    expect(stdout).toContain("sso-oidc --version");
  });

  it.each([
    ["logout", ["--session-name"]],
    ["status", ["--cache"]],
    ["local", ["--port", "x"]],
  ])("points to %s --help after a usage error", async (command, flags) => {
    const result = await run([command, ...flags]);
    expect([result.code, result.stderr.split("\n").slice(1)]).toEqual([2, [`Run sso-oidc ${command} --help for the flags.`, ""]]);
  });

  it("shows an endpoint, not a start URL, as the example of a bad --endpoint", async () => {
    const result = await run(["refresh", "--session-name", "s", "--endpoint", "nowhere"]);
    expect([result.code, result.stderr.split("\n")[0]]).toEqual([2, 'sso-oidc: --endpoint must be an http(s) URL, such as https://oidc.us-east-1.amazonaws.com (or the URL that sso-oidc local prints); got "nowhere".']);
  });

  it("exits 2 for an unknown command, listing the commands", async () => {
    const result = await run(["sign-in"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sso-oidc: unknown command "sign-in"; the commands are login, refresh, logout, status and local\./);
  });

  it.each([
    [[], 405, null],
    [["--cors"], 204, "*"],
  ])("runs the local service until interrupted (flags %j: preflight %d, allow-origin %j)", async (flags, preflightStatus, allowOrigin) => {
    const child = spawn(process.execPath, [bin, "local", "--port", "0", ...flags]);
    const url = await new Promise<string>((resolve) => child.stdout.on("data", (c) => resolve(String(c).match(/^listening on (http:\/\/127\.0\.0\.1:\d+)\n/)![1])));
    const res = await fetch(`${url}/client/register`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"clientName":"x","clientType":"public"}' });
    expect(res.status).toBe(200);
    const preflight = await fetch(`${url}/client/register`, { method: "OPTIONS", headers: { origin: "http://app.test", "access-control-request-method": "POST" } });
    expect([preflight.status, preflight.headers.get("access-control-allow-origin")]).toEqual([preflightStatus, allowOrigin]);
    child.kill("SIGINT");
    expect(await new Promise((resolve) => child.on("close", resolve))).toBe(0);
  });

  it("runs the local service for an application with --config FILE: CreateTokenWithIAM signed with the file's credentials", async () => {
    const jose = await import("jose");
    const { privateKey, publicKey } = await jose.generateKeyPair("ES256");
    const app = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
    const keys = { accessKeyId: "AKIDCLITEST", secretAccessKey: "cli/test+secret" };
    const file = join(cacheDir, "../../local.json");
    writeFileSync(
      file,
      JSON.stringify({
        iamCredentials: [keys],
        users: [{ userName: "alice", email: "alice@example.com" }],
        trustedTokenIssuers: [{ issuerUrl: "https://idp.example", jwks: { keys: [await jose.exportJWK(publicKey)] } }],
        applications: [{ arn: app, grants: { jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: "https://idp.example", authorizedAudiences: ["app"] }] } } }],
      }),
    );
    const child = spawn(process.execPath, [bin, "local", "--port", "0", "--config", file, "--region", "eu-west-1"]);
    let stdout = "";
    const url = await new Promise<string>((resolve) =>
      child.stdout.on("data", (c) => {
        stdout += c;
        const m = stdout.match(/^listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
        if (m && stdout.includes("access key")) resolve(m[1]);
      }),
    );
    const { SSOOIDCClient, CreateTokenWithIAMCommand } = await import("@ssokit/client-sso-oidc");
    const client = new SSOOIDCClient({ region: "eu-west-1", endpoint: url, credentials: keys, maxAttempts: 1 });
    const assertion = await new jose.SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "ES256" }).setIssuer("https://idp.example").setAudience("app").setExpirationTime("5m").sign(privateKey);
    const output = await client.send(new CreateTokenWithIAMCommand({ clientId: app, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }));
    client.destroy();
    child.kill("SIGINT");
    expect(await new Promise((resolve) => child.on("close", resolve))).toBe(0);
    expect([output.tokenType, output.scope]).toEqual(["Bearer", ["openid", "aws", "sts:identity_context"]]);
    expect(stdout.split("\n").slice(1, 4)).toEqual(["CreateTokenWithIAM (POST /token?aws_iam=t) in eu-west-1:", `  application ${app}: jwtBearer`, "  trusted token issuer https://idp.example"]);
    expect(stdout.includes(keys.secretAccessKey)).toBe(false);
  });

  it("exits 2 for a config file the local service cannot use, naming the option", async () => {
    const file = join(cacheDir, "../../bad.json");
    writeFileSync(file, JSON.stringify({ applications: [{ arn: "my-app", grants: {} }] }));
    const result = await run(["local", "--config", file]);
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining(`sso-oidc: the config file ${file}: applications[0].arn must be an application ARN`)]);
  });
});

describe("sso-oidc loading", () => {
  /** The files in require's cache when the command exits, relative to packages/, and whether node:http was loaded. */
  async function loaded(args: string[]): Promise<{ files: string[]; http: boolean }> {
    const program = `process.on("exit", () => process.stderr.write(JSON.stringify({ files: Object.keys(require.cache), http: process.moduleLoadList.includes("NativeModule http") })));
process.argv = [process.execPath, ${JSON.stringify(bin)}, ...${JSON.stringify(args)}];
require(${JSON.stringify(bin)});`;
    const { stderr } = await runProcess(process.execPath, ["-e", program], { env: { ...process.env, AWS_CONFIG_FILE: join(tmpdir(), "ssokit-no-aws-config") } });
    const out = JSON.parse(stderr);
    return { files: out.files.map((f: string) => relative(join(__dirname, "../.."), f)), http: out.http };
  }

  it("reads only the bin and the command table for --help", async () => {
    expect(await loaded(["--help"])).toEqual({ files: ["cli/bin/sso-oidc.cjs", "cli/dist/bin.cjs", "cli/dist/chunks/main.cjs"], http: false });
  });

  it("reads the status command and the cache and config entries of sso-login for status, none of the sign-in code", async () => {
    const { files, http } = await loaded(["status"]);
    const ours = files.filter((f) => !f.startsWith("../node_modules/"));
    expect(ours).toEqual(["cli/bin/sso-oidc.cjs", "cli/dist/bin.cjs", "cli/dist/chunks/main.cjs", "cli/dist/chunks/status.cjs", "sso-login/dist/cache.mjs", "sso-login/dist/config.mjs", "cli/dist/chunks/parseFlags.cjs"]);
    expect(http).toBe(false);
  });
});

