import { SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { deviceLogin, fromCachedToken, getCachedToken, LoginRequiredError, REFRESH_WINDOW, type GetCachedTokenOptions } from "@ssokit/sso-login";
import { cachedTokenOf, cacheFile, formatExpiry, readCachedToken, TokenCacheError, writeCachedToken, type CachedToken } from "@ssokit/sso-login/cache";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, startServer, type TestServer } from "../../client-sso-oidc/test/support/testServer";
import { fakeClock } from "../../core/test/support/fakeClock";
import { BUILT, giveToUnprivileged, nodeScript } from "./support/nodeScript";

const startUrl = "https://d-1.awsapps.com/start";
const sessionName = "my-sso";
const time = fakeClock();
const clock = time.clock;

let server: LocalServer;
let dir: string;
let file: string;
let cached: CachedToken;

/** Signs in against the local service (access tokens valid 1 hour) and caches the token as `sso-oidc login` does. */
beforeEach(async () => {
  time.set(Date.UTC(2026, 10, 26, 12));
  dir = mkdtempSync(join(tmpdir(), "ssokit-refresh-"));
  file = cacheFile({ sessionName, cacheDir: dir });
  server = await startLocalServer({ clock, accessTokenTtl: 3600 });
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock });
  let userCode = "";
  const result = await deviceLogin({
    client,
    startUrl,
    clock,
    onVerification: (info) => void (userCode = info.userCode),
    onPoll: () => void server.approve(userCode),
  });
  client.destroy();
  cached = cachedTokenOf(result, { startUrl, region: "us-east-1" });
  await writeCachedToken(file, cached);
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (extra: Partial<GetCachedTokenOptions> = {}) => getCachedToken({ sessionName, cacheDir: dir, endpoint: server.url, clock, ...extra });
const refreshes = () => server.calls().CreateToken;
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e) => e);

describe("getCachedToken", () => {
  it("returns the cached token as it is while it is more than 5 minutes from expiry, sending nothing", async () => {
    const before = refreshes();
    time.set(Date.parse(cached.expiresAt) - REFRESH_WINDOW - 1000);
    const result = await get();
    expect([result.refreshed, result.token, result.file, result.expiresAt.toISOString()]).toEqual([false, cached, file, "2026-11-26T13:00:01.000Z"]);
    expect(refreshes() - before).toBe(0);
  });

  it("refreshes a token within 5 minutes of expiry and saves the new one, 0600, with the rotated refresh token", async () => {
    const before = refreshes();
    time.set(Date.parse(cached.expiresAt) - 60_000);
    const result = await get();
    expect(refreshes() - before).toBe(1);
    expect(result.refreshed).toBe(true);
    expect(result.token.accessToken).toMatch(/^aoa-/);
    expect(result.token.accessToken).not.toBe(cached.accessToken);
    expect(result.token.refreshToken).not.toBe(cached.refreshToken);
    expect(result.token.expiresAt).toBe(formatExpiry(new Date(time.now() + 3600_000)));
    expect({ ...result.token, accessToken: "", refreshToken: "", expiresAt: "" }).toEqual({ ...cached, accessToken: "", refreshToken: "", expiresAt: "" });
    expect(await readCachedToken(file)).toEqual(result.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refreshes an expired token too, and a fresh one when forced", async () => {
    time.set(Date.parse(cached.expiresAt) + 3600_000);
    expect((await get()).refreshed).toBe(true);
    const forced = await get({ force: true });
    expect([forced.refreshed, (await readCachedToken(file))!.accessToken]).toEqual([true, forced.token.accessToken]);
  });

  it("shares one read and one refresh among concurrent calls for the same file", async () => {
    const before = refreshes();
    time.set(Date.parse(cached.expiresAt) - 1000);
    const results = await Promise.all(Array.from({ length: 5 }, () => get()));
    expect(refreshes() - before).toBe(1);
    expect(new Set(results.map((r) => r.token.accessToken)).size).toBe(1);
    expect(results.every((r) => r.refreshed)).toBe(true);
  });

  it("returns the token another process saved when that process used the refresh token first", async () => {
    time.set(Date.parse(cached.expiresAt) + 1000);
    const { CreateTokenCommand } = await import("@ssokit/client-sso-oidc");
    const real = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock });
    let theirs = "";
    // Between this process's read of the file and its refresh, another process refreshes with the same refresh
    // token and saves its token: this process's refresh is then refused, and it finds the saved token.
    const client = {
      send: async (command: any, options?: { abortSignal?: AbortSignal }) => {
        const other = await real.send(new CreateTokenCommand({ clientId: cached.clientId!, clientSecret: cached.clientSecret!, grantType: "refresh_token", refreshToken: cached.refreshToken }));
        theirs = other.accessToken!;
        await writeCachedToken(file, { ...cached, accessToken: other.accessToken!, refreshToken: other.refreshToken, expiresAt: formatExpiry(new Date(time.now() + 3600_000)) });
        return real.send(command, options);
      },
    };
    const result = await get({ client });
    real.destroy();
    expect([result.refreshed, result.token.accessToken, result.refreshError]).toEqual([false, theirs, undefined]);
  });

  it("throws LoginRequiredError NoCachedToken when there is no cached token", async () => {
    const e = await failure(get({ sessionName: "other" }));
    expect(e).toBeInstanceOf(LoginRequiredError);
    expect([e.code, e.file, e.message]).toEqual([
      "NoCachedToken",
      cacheFile({ sessionName: "other", cacheDir: dir }),
      `No cached token in ${cacheFile({ sessionName: "other", cacheDir: dir })}; sign in first (sso-oidc login).`,
    ]);
  });

  it("throws TokenExpired for an expired token with no refresh token, and returns it while it is still valid", async () => {
    const { refreshToken: _, ...noRefresh } = cached;
    await writeCachedToken(file, noRefresh);
    time.set(Date.parse(cached.expiresAt) - 1000);
    expect((await get()).refreshed).toBe(false);
    const forced = await failure(get({ force: true }));
    expect([forced.name, forced.code]).toEqual(["LoginRequiredError", "CannotRefresh"]);
    time.set(Date.parse(cached.expiresAt) + 1000);
    const e = await failure(get());
    expect([e.name, e.code, e.message]).toEqual([
      "LoginRequiredError",
      "TokenExpired",
      `The cached token in ${file} expired at ${cached.expiresAt} and cannot be refreshed: it has no refresh token. Sign in again (sso-oidc login).`,
    ]);
  });

  it("throws TokenExpired when the client registration has expired", async () => {
    await writeCachedToken(file, { ...cached, registrationExpiresAt: formatExpiry(new Date(Date.parse(cached.expiresAt) - 1000)) });
    time.set(Date.parse(cached.expiresAt) + 1000);
    const e = await failure(get());
    expect([e.code, e.message.includes("its client registration has expired")]).toEqual(["TokenExpired", true]);
  });

  it("throws RefreshFailed, with the service's error as cause, when the service refuses an expired token's refresh", async () => {
    await writeCachedToken(file, { ...cached, refreshToken: "aor-revoked" });
    time.set(Date.parse(cached.expiresAt) + 1000);
    const e = await failure(get());
    expect([e.name, e.code, e.cause?.name]).toEqual(["LoginRequiredError", "RefreshFailed", "InvalidGrantException"]);
    expect(e.message).toBe(`The cached token in ${file} could not be refreshed (InvalidGrantException). Sign in again (sso-oidc login).`);
    expect(e.message).not.toContain("aor-revoked");
  });

  it("returns the old token, still valid, with the refresh error when a due refresh fails", async () => {
    await writeCachedToken(file, { ...cached, refreshToken: "aor-revoked" });
    time.set(Date.parse(cached.expiresAt) - 1000);
    const result = await get();
    expect([result.refreshed, result.token.accessToken, (result.refreshError as Error).name]).toEqual([false, cached.accessToken, "InvalidGrantException"]);
  });

  it("reports a cache file without a valid expiresAt as a TokenCacheError", async () => {
    await writeCachedToken(file, { ...cached, expiresAt: "tomorrow" });
    const e = await failure(get());
    expect(e).toBeInstanceOf(TokenCacheError);
    expect([e.code, e.message]).toEqual(["CorruptCacheFile", `The token cache file ${file} has no valid expiresAt; delete it or log in again.`]);
  });

  it("serves as a bearer-token identity provider for AWS SDK v3 clients, refreshing when due", async () => {
    const provider = fromCachedToken({ sessionName, cacheDir: dir, endpoint: server.url, clock });
    time.set(Date.parse(cached.expiresAt) - REFRESH_WINDOW - 1000);
    expect(await provider()).toEqual({ token: cached.accessToken, expiration: new Date(Date.parse(cached.expiresAt)) });
    time.set(Date.parse(cached.expiresAt) - 1000);
    const fresh = await provider();
    expect([fresh.token === cached.accessToken, fresh.token, fresh.expiration]).toEqual([false, (await readCachedToken(file))!.accessToken, new Date(Math.floor((time.now() + 3600_000) / 1000) * 1000)]);
  });

  it("stops at once when the signal aborts", async () => {
    time.set(Date.parse(cached.expiresAt) + 1000);
    const controller = new AbortController();
    controller.abort();
    const e = await failure(get({ signal: controller.signal }));
    expect(e.name).toBe("AbortError");
    expect(await readCachedToken(file)).toEqual(cached);
  });

  it("finds the token of a profile's SSO session in the AWS config, or of a legacy profile's start URL", async () => {
    const configFile = join(dir, "config");
    writeFileSync(configFile, `[profile dev]\nsso_session = ${sessionName}\nsso_account_id = 1\nsso_role_name = R\n\n[sso-session ${sessionName}]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n\n[profile old]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`);
    const byProfile = await getCachedToken({ profile: "dev", configFile, cacheDir: dir, endpoint: server.url, clock });
    expect([byProfile.file, byProfile.token.accessToken]).toEqual([file, cached.accessToken]);
    const bySession = await getCachedToken({ ssoSession: sessionName, configFile, cacheDir: dir, endpoint: server.url, clock });
    expect(bySession.file).toBe(file);
    await writeCachedToken(cacheFile({ startUrl, cacheDir: dir }), cached);
    const legacy = await fromCachedToken({ profile: "old", configFile, cacheDir: dir, endpoint: server.url, clock })();
    expect(legacy.token).toBe(cached.accessToken);
    const e = await failure(getCachedToken({ profile: "nobody", configFile, cacheDir: dir }));
    expect([e.name, e.code]).toEqual(["SsoConfigError", "ProfileNotFound"]);
  });
});

describe("getCachedToken, once the service has answered", () => {
  it("returns the refreshed token with saveError naming the file when the cache cannot be written, instead of losing it", async () => {
    // Another process (nobody, when the tests run as root) for which the cache directory is read-only.
    giveToUnprivileged(dir);
    chmodSync(dir, 0o500);
    const before = refreshes();
    const script = `
      require(${BUILT}).getCachedToken(${JSON.stringify({ sessionName, cacheDir: dir, endpoint: server.url, force: true })}).then(
        (r) => console.log(JSON.stringify({ refreshed: r.refreshed, token: r.token, saveError: r.saveError && [r.saveError.name, r.saveError.code, r.saveError.file] })),
        (e) => console.log(JSON.stringify({ error: [e.name, e.code, e.message] })));`;
    const run = await nodeScript(script, { unprivileged: true }).exited;
    chmodSync(dir, 0o700);
    const out = JSON.parse(run.stdout);
    expect([run.code, out.error, out.refreshed, out.saveError]).toEqual([0, undefined, true, ["TokenCacheError", "CacheWriteFailed", file]]);
    expect([refreshes() - before, out.token.accessToken === cached.accessToken, out.token.refreshToken === cached.refreshToken]).toEqual([1, false, false]);
    expect(await readCachedToken(file)).toEqual(cached);
    // What the caller got is what keeps it signed in: the new refresh token works (the cached one is used up).
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock, maxAttempts: 1 });
    const { CreateTokenCommand } = await import("@ssokit/client-sso-oidc");
    const refresh = (refreshToken: string) => client.send(new CreateTokenCommand({ clientId: cached.clientId!, clientSecret: cached.clientSecret!, grantType: "refresh_token", refreshToken }));
    const [theirs, ours] = await Promise.all([refresh(out.token.refreshToken).then((o) => o.tokenType, (e) => e.name), refresh(cached.refreshToken!).then((o) => o.tokenType, (e) => e.name)]);
    client.destroy();
    expect([theirs, ours]).toEqual(["Bearer", "InvalidGrantException"]);
  });

  describe("with an answer that cannot be used", () => {
    let broken: TestServer;
    let answer: object = {};
    beforeAll(async () => {
      broken = await startServer((_req, res) => json(res, 200, answer));
    });
    afterAll(() => broken.close());

    it.each([
      ["expiresIn missing", { accessToken: "aoa-new", tokenType: "Bearer", refreshToken: "aor-rotated" }, "expiresIn"],
      ["expiresIn null", { accessToken: "aoa-new", expiresIn: null, refreshToken: "aor-rotated" }, "expiresIn"],
      ["expiresIn huge", { accessToken: "aoa-new", expiresIn: 1e300, refreshToken: "aor-rotated" }, "expiresIn"],
      ["expiresIn negative", { accessToken: "aoa-new", expiresIn: -60, refreshToken: "aor-rotated" }, "expiresIn"],
      ["accessToken null", { accessToken: null, expiresIn: 3600, refreshToken: "aor-rotated" }, "accessToken"],
    ])("throws InvalidResponseError naming the member (%s), and keeps the token readable, with the rotated refresh token", async (_label, body, member) => {
      answer = body;
      time.set(Date.parse(cached.expiresAt) + 1000);
      const e = await failure(get({ endpoint: broken.url }));
      expect([e.name, e.code, e.message.includes(` ${member} `), e.message.includes("aoa-new"), e.message.includes("aor-rotated")]).toEqual([
        "InvalidResponseError",
        "UnexpectedResponse",
        true,
        false,
        false,
      ]);
      expect(await readCachedToken(file)).toEqual({ ...cached, refreshToken: "aor-rotated" });
    });

    it("returns the current token, still valid, with the answer's error as refreshError", async () => {
      answer = { accessToken: "aoa-new", expiresIn: -60 };
      time.set(Date.parse(cached.expiresAt) - 1000);
      const result = await get({ endpoint: broken.url });
      expect([result.refreshed, result.token, (result.refreshError as Error).name]).toEqual([false, cached, "InvalidResponseError"]);
      expect(await readCachedToken(file)).toEqual(cached);
    });
  });
});
