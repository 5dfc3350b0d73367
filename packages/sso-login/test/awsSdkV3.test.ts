import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { deviceLogin, getCachedToken } from "@ssokit/sso-login";
import { cacheFile, cachedTokenOf, writeCachedToken } from "@ssokit/sso-login/cache";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";

// The token cache against the AWS SDK for JavaScript v3's SSO credential provider (`fromSSO`, which JS code uses
// for SSO profiles): it finds a token ssokit cached through the same AWS config, refreshes it through the local
// service (AWS_ENDPOINT_URL_SSO_OIDC), saves it, and presents it to the SSO portal (a stub, AWS_ENDPOINT_URL_SSO).

const START_URL = "https://d-1234567890.awsapps.com/start";
const ENV = ["HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_REGION"] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

let home: string;
let cacheDir: string;
let service: LocalServer;
let portal: http.Server;
/** The bearer token and path of each GetRoleCredentials call. */
const portalCalls: { token: string; url: string }[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "ssokit-v3-"));
  cacheDir = join(home, ".aws", "sso", "cache");
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    join(home, ".aws", "config"),
    `[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`,
  );
  // Four-minute tokens: inside the SDK's five-minute refresh window from the start.
  service = await startLocalServer({ accessTokenTtl: 240 });
  portal = http.createServer((req, res) => {
    portalCalls.push({ token: String(req.headers["x-amz-sso_bearer_token"]), url: req.url ?? "" });
    const body = JSON.stringify({ roleCredentials: { accessKeyId: "ASIAV3TESTKEY", secretAccessKey: "test-secret", sessionToken: "test-session", expiration: Date.now() + 3600_000 } });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    AWS_ENDPOINT_URL_SSO: `http://127.0.0.1:${(portal.address() as AddressInfo).port}`,
    AWS_ENDPOINT_URL_SSO_OIDC: service.url,
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_REGION;
});

afterAll(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await service.close();
  await new Promise((resolve) => portal.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

describe("the token cache and the AWS SDK for JavaScript v3", () => {
  it("fromSSO finds, refreshes and uses the token ssokit cached for a profile, and ssokit reads the refresh back", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: service.url });
    const login = await deviceLogin({ client, startUrl: START_URL, onVerification: ({ userCode }) => void service.approve(userCode) });
    client.destroy();
    const file = cacheFile({ sessionName: "corp", cacheDir });
    await writeCachedToken(file, cachedTokenOf(login, { startUrl: START_URL, region: "us-east-1" }));
    const before = service.calls().CreateToken;

    const { fromSSO } = await import("@aws-sdk/credential-provider-sso");
    const credentials = await fromSSO({ profile: "dev", ignoreCache: true })();
    expect([credentials.accessKeyId, credentials.sessionToken]).toEqual(["ASIAV3TESTKEY", "test-session"]);
    expect(service.calls().CreateToken - before).toBe(1);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.accessToken).not.toBe(login.accessToken);
    expect(portalCalls).toEqual([{ token: written.accessToken, url: "/federation/credentials?account_id=111122223333&role_name=Developer" }]);

    // What the SDK saved, ssokit reads as it is (its 4 minutes left are inside ssokit's window too; a window of 0 reads it without a refresh).
    const read = await getCachedToken({ profile: "dev", cacheDir, endpoint: service.url, refreshWindow: 0 });
    expect([read.refreshed, read.token.accessToken, read.token.refreshToken, read.token.clientId]).toEqual([false, written.accessToken, written.refreshToken, login.registration.clientId]);
  });
});
