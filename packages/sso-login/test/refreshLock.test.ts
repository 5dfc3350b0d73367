import { SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { deviceLogin, getCachedToken } from "@ssokit/sso-login";
import { cachedTokenOf, cacheFile, formatExpiry, readCachedToken, writeCachedToken, type CachedToken } from "@ssokit/sso-login/cache";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { BUILT, nodeScript } from "./support/nodeScript";

// Refreshes of one cache file from several processes at once: refresh tokens work once, so all but one must wait
// for the one that refreshes and use what it saved, not spend the used-up token and tell the user to sign in again.
const startUrl = "https://d-1.awsapps.com/start";
const sessionName = "race";
let server: LocalServer;
let dir: string;
let file: string;
let cached: CachedToken;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "ssokit-lock-"));
  file = cacheFile({ sessionName, cacheDir: dir });
  server = await startLocalServer();
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
  const login = await deviceLogin({ client, startUrl, onVerification: ({ userCode }) => void server.approve(userCode) });
  client.destroy();
  // Expired a minute ago, in real time: every process that reads it must refresh it.
  cached = { ...cachedTokenOf(login, { startUrl, region: "us-east-1" }), expiresAt: formatExpiry(new Date(Date.now() - 60_000)) };
  await writeCachedToken(file, cached);
}, 20_000);
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("getCachedToken across processes", () => {
  it("refreshes once when 8 processes find the same expired token: one CreateToken, every process gets the new token, none is told to sign in", async () => {
    // A slow answer: every process has read the expired token before the first refresh comes back.
    server.setLatency(300, "CreateToken");
    const before = server.calls().CreateToken;
    const options = JSON.stringify({ sessionName, cacheDir: dir, endpoint: server.url });
    // Each process loads the package, says it is ready, and starts when told, so they all start together.
    const script = `
      const { getCachedToken } = require(${BUILT});
      process.stdout.write("ready\\n");
      process.stdin.once("data", () => getCachedToken(${options}).then(
        (r) => console.log(JSON.stringify({ accessToken: r.token.accessToken, refreshed: r.refreshed })),
        (e) => console.log(JSON.stringify({ error: e.name, code: e.code })),
      ).finally(() => process.stdin.destroy()));`;
    const runs = Array.from({ length: 8 }, () => nodeScript(script));
    await Promise.all(runs.map(({ child }) => new Promise((resolve) => child.stdout!.once("data", resolve))));
    for (const { child } of runs) child.stdin!.write("go\n");
    const results = (await Promise.all(runs.map((r) => r.exited))).map(({ code, stdout }) => ({ code, ...JSON.parse(stdout.split("\n")[1] || "{}") }));

    const saved = (await readCachedToken(file))!;
    expect(server.calls().CreateToken - before).toBe(1);
    expect(results.filter((r) => r.error === "LoginRequiredError")).toEqual([]);
    expect(results.map((r) => [r.code, r.error, r.accessToken])).toEqual(Array.from({ length: 8 }, () => [0, undefined, saved.accessToken]));
    expect(results.filter((r) => r.refreshed)).toHaveLength(1);
    expect(saved.accessToken).not.toBe(cached.accessToken);
    // No lock file and no temporary file is left behind.
    expect(readdirSync(dir)).toEqual([file.split("/").pop()]);
  }, 30_000);

  it("takes over at once a lock whose holder, a process of this machine, has ended", async () => {
    const ended = await nodeScript("console.log(process.pid)").exited;
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: Number(ended.stdout.trim()), host: hostname(), id: "crashed" }));
    const result = await getCachedToken({ sessionName, cacheDir: dir, endpoint: server.url });
    expect([result.refreshed, existsSync(`${file}.lock`)]).toEqual([true, false]);
  });

  it("takes over a lock older than lockStaleAfter, even while its holder runs", async () => {
    // This process is the holder: it runs, but has held the lock for longer than a refresh can take.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), id: "stuck" }));
    const result = await getCachedToken({ sessionName, cacheDir: dir, endpoint: server.url, lockStaleAfter: 200 });
    expect([result.refreshed, existsSync(`${file}.lock`)]).toEqual([true, false]);
  });
});
