import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { promisify } from "node:util";
import { getCachedToken } from "@ssokit/sso-login";
import { cacheFile } from "@ssokit/sso-login/cache";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";

// The token cache against the real AWS CLI v2 (Debian's package). The CLI talks to the AWS hosts through an
// HTTPS proxy that this test runs: it answers CONNECT, speaks TLS with a certificate from a CA made here (the CLI
// trusts it through AWS_CA_BUNDLE), and hands the SSO OIDC host to the local service and the SSO portal host
// to a stub of GetRoleCredentials. Nothing leaves the machine.

const run = promisify(execFile);
const root = join(__dirname, "../../..");
const START_URL = "https://d-1234567890.awsapps.com/start";
const LEGACY_START_URL = "https://d-legacy0000.awsapps.com/start";
const OIDC_HOST = "oidc.us-east-1.amazonaws.com";
const PORTAL_HOST = "portal.sso.us-east-1.amazonaws.com";
const ROLE_CREDENTIALS = { accessKeyId: "ASIATESTKEY0000000001", secretAccessKey: "test-secret-access-key", sessionToken: "test-session-token" };

let aws: string;
let work: string;
let home: string;
let cacheDir: string;
let service: LocalServer;
let proxy: http.Server;
let proxyUrl: string;
/** What reached the proxy: CONNECT targets, and each request as "METHOD host path". */
const seen: string[] = [];
/** The bearer tokens the portal stub was shown. */
const portalTokens: string[] = [];
/** The content type of each request the AWS CLI sent to SSO OIDC. */
const oidcContentTypes: (string | undefined)[] = [];

const tool = async (name: string) => (await run(process.execPath, [join(root, "scripts/systemTools.mjs"), "--print", name])).stdout.trim();

/** A CA and a certificate for the two AWS hosts, signed by it. */
async function makeCertificates(openssl: string) {
  const f = (name: string) => join(work, name);
  await run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f("ca-key.pem"), "-out", f("ca.pem"), "-days", "2", "-subj", "/CN=ssokit test CA"]);
  await run(openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", f("key.pem"), "-out", f("req.pem"), "-subj", `/CN=${OIDC_HOST}`]);
  writeFileSync(f("ext.cnf"), `subjectAltName=DNS:${OIDC_HOST},DNS:${PORTAL_HOST}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  await run(openssl, ["x509", "-req", "-in", f("req.pem"), "-CA", f("ca.pem"), "-CAkey", f("ca-key.pem"), "-CAcreateserial", "-out", f("cert.pem"), "-days", "2", "-extfile", f("ext.cnf")]);
  return tls.createSecureContext({ key: readFileSync(f("key.pem")), cert: readFileSync(f("cert.pem")) });
}

/** What the AWS hosts answer, behind the proxy's TLS. */
const awsHosts = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const host = req.headers.host ?? "";
    seen.push(`${req.method} ${host} ${req.url}`);
    if (host === OIDC_HOST) {
      oidcContentTypes.push(req.headers["content-type"]);
      const upstream = http.request(`${service.url}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(service.url).host } }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    } else if (host === PORTAL_HOST && req.url?.startsWith("/federation/credentials?")) {
      portalTokens.push(String(req.headers["x-amz-sso_bearer_token"]));
      const body = JSON.stringify({ roleCredentials: { ...ROLE_CREDENTIALS, expiration: Date.now() + 3600_000 } });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"not served here"}');
    }
  });
});

beforeAll(async () => {
  aws = await tool("aws");
  const secure = await (async () => {
    work = mkdtempSync(join(tmpdir(), "ssokit-awscli-"));
    return makeCertificates(await tool("openssl"));
  })();
  home = join(work, "home");
  cacheDir = join(home, ".aws", "sso", "cache");
  mkdirSync(join(home, ".aws"), { recursive: true });
  // A 10-minute token: inside the AWS CLI's 15-minute refresh window, outside ssokit's 5-minute one.
  service = await startLocalServer({ accessTokenTtl: 600 });
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req: http.IncomingMessage, socket: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    if (req.url !== `${OIDC_HOST}:443` && req.url !== `${PORTAL_HOST}:443`) return void socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    awsHosts.emit("connection", new tls.TLSSocket(socket, { isServer: true, secureContext: secure }));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  writeFileSync(
    join(home, ".aws", "config"),
    [
      "[sso-session cli-made]", `sso_start_url = ${START_URL}`, "sso_region = us-east-1", "sso_registration_scopes = sso:account:access", "",
      "[sso-session ssokit-made]", `sso_start_url = ${START_URL}`, "sso_region = us-east-1", "sso_registration_scopes = sso:account:access", "",
      "[profile dev]", "sso_session = ssokit-made", "sso_account_id = 111122223333", "sso_role_name = Developer", "region = us-east-1", "",
      "[sso-session pkce-made]", `sso_start_url = ${START_URL}`, "sso_region = us-east-1", "",
      "[profile pkce]", "sso_session = pkce-made", "sso_account_id = 111122223333", "sso_role_name = Developer", "",
      "[profile legacy]", `sso_start_url = ${LEGACY_START_URL}`, "sso_region = us-east-1", "sso_account_id = 444455556666", "sso_role_name = Auditor", "",
    ].join("\n"),
  );
}, 300_000);

afterAll(async () => {
  await service?.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * Runs a program with this test's HOME and proxy, and nothing of the caller's AWS settings. `onOutput` sees the
 * output so far, to act as the user would (approve the code it shows).
 */
function runWithProxy(command: string, args: string[], onOutput?: (text: string) => void) {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    HTTPS_PROXY: proxyUrl,
    AWS_CA_BUNDLE: join(work, "ca.pem"),
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
      onOutput?.(stdout);
    });
    child.stderr.on("data", (c) => {
      stderr += c;
      onOutput?.(stderr);
    });
    child.on("error", reject);
    const killer = setTimeout(() => child.kill(), 60_000);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Approves the first user code the output shows, once. */
function approver() {
  let done = false;
  return (text: string) => {
    const code = text.match(/\b([A-Z]{4}-[A-Z]{4})\b/)?.[1];
    if (code && !done) done = service.approve(code);
  };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("the token cache and the AWS CLI v2", () => {
  it("runs Debian's AWS CLI version 2", async () => {
    const { stdout } = await run(aws, ["--version"]);
    expect(stdout).toMatch(/^aws-cli\/2\.\d+\.\d+ /);
  });

  it("reads what `aws sso login` cached: the same file, and getCachedToken returns its token as it is", async () => {
    // From 2.22 the AWS CLI signs in with the authorization code grant unless told to use the device code.
    const [, minor] = (await run(aws, ["--version"])).stdout.match(/^aws-cli\/2\.(\d+)\./)!;
    const deviceFlag = Number(minor) >= 22 ? ["--use-device-code"] : [];
    const login = await runWithProxy(aws, ["sso", "login", "--sso-session", "cli-made", "--no-browser", ...deviceFlag], approver());
    expect([login.code, login.stdout]).toEqual([0, expect.stringContaining(`Successfully logged into Start URL: ${START_URL}`)]);
    expect(seen.filter((s) => s.startsWith("POST")).map((s) => s.split(" ").slice(1).join(" "))).toEqual([
      `${OIDC_HOST} /client/register`,
      `${OIDC_HOST} /device_authorization`,
      ...Array(seen.filter((s) => s.endsWith("/token")).length).fill(`${OIDC_HOST} /token`),
    ]);
    const file = cacheFile({ sessionName: "cli-made", cacheDir });
    const written = readJson(file);
    expect(Object.keys(written).sort()).toEqual(["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"]);
    const before = service.calls().CreateToken;
    const result = await getCachedToken({ sessionName: "cli-made", cacheDir, endpoint: service.url });
    expect([result.file, result.refreshed, result.token.accessToken, result.expiresAt.getTime()]).toEqual([file, false, written.accessToken, Date.parse(written.expiresAt)]);
    expect(service.calls().CreateToken).toBe(before);
    // Refreshed here and saved, the CLI's file keeps every field it had, with new tokens.
    const forced = await getCachedToken({ sessionName: "cli-made", cacheDir, endpoint: service.url, force: true });
    expect(forced.refreshed).toBe(true);
    const saved = readJson(file);
    expect(Object.keys(saved).sort()).toEqual(Object.keys(written).sort());
    expect([saved.startUrl, saved.region, saved.clientId, saved.registrationExpiresAt]).toEqual([written.startUrl, written.region, written.clientId, written.registrationExpiresAt]);
    expect(saved.accessToken).not.toBe(written.accessToken);
    expect(saved.refreshToken).not.toBe(written.refreshToken);
    expect((statSync(file).mode & 0o777).toString(8)).toBe("600");
  });

  it("the AWS CLI refreshes and uses the token `sso-oidc login --profile` cached, and ssokit reads the CLI's refresh", async () => {
    const ours = await runWithProxy(
      process.execPath,
      // The same profile the AWS CLI uses below, read from the same config file.
      [join(root, "packages/cli/dist/bin.cjs"), "login", "--profile", "dev", "--endpoint", service.url, "--cache-dir", cacheDir, "--no-browser"],
      approver(),
    );
    expect(ours.code).toBe(0);
    const file = cacheFile({ sessionName: "ssokit-made", cacheDir });
    const cached = readJson(file);
    const before = service.calls().CreateToken;

    const exported = await runWithProxy(aws, ["configure", "export-credentials", "--profile", "dev", "--format", "process"]);
    expect([exported.code, exported.stderr]).toEqual([0, ""]);
    const credentials = JSON.parse(exported.stdout);
    expect([credentials.Version, credentials.AccessKeyId, credentials.SessionToken]).toEqual([1, ROLE_CREDENTIALS.accessKeyId, ROLE_CREDENTIALS.sessionToken]);
    // Ten minutes left is inside its refresh window: the CLI refreshed with our refresh token and registration...
    expect(service.calls().CreateToken - before).toBe(1);
    const refreshed = readJson(file);
    expect(refreshed.accessToken).not.toBe(cached.accessToken);
    expect(refreshed.refreshToken).not.toBe(cached.refreshToken);
    expect([refreshed.clientId, refreshed.startUrl]).toEqual([cached.clientId, START_URL]);
    // ...and showed the portal the new token, for the role of the profile.
    expect(portalTokens).toEqual([refreshed.accessToken]);
    expect(seen.filter((s) => s.includes(PORTAL_HOST) && !s.startsWith("CONNECT"))).toEqual([
      `GET ${PORTAL_HOST} /federation/credentials?role_name=Developer&account_id=111122223333`,
    ]);

    const read = await getCachedToken({ sessionName: "ssokit-made", cacheDir, endpoint: service.url });
    expect([read.refreshed, read.token.accessToken, read.token.refreshToken]).toEqual([false, refreshed.accessToken, refreshed.refreshToken]);
  });

  it("the AWS CLI refreshes a token `sso-oidc login --pkce` cached (authorization code grant), with its registration", async () => {
    let opened = false;
    const ours = await runWithProxy(process.execPath, [join(root, "packages/cli/dist/bin.cjs"), "login", "--profile", "pkce", "--pkce", "--endpoint", service.url, "--cache-dir", cacheDir, "--no-browser"], (text) => {
      const url = text.match(/(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/)?.[1];
      if (url && !opened) {
        opened = true;
        void service.completeAuthorization(url);
      }
    });
    expect(ours.code).toBe(0);
    const file = cacheFile({ sessionName: "pkce-made", cacheDir });
    const cached = readJson(file);
    const before = { tokens: service.calls().CreateToken, portal: portalTokens.length };
    const exported = await runWithProxy(aws, ["configure", "export-credentials", "--profile", "pkce", "--format", "process"]);
    expect([exported.code, JSON.parse(exported.stdout).AccessKeyId]).toEqual([0, ROLE_CREDENTIALS.accessKeyId]);
    const refreshed = readJson(file);
    expect([service.calls().CreateToken - before.tokens, refreshed.clientId, refreshed.accessToken !== cached.accessToken]).toEqual([1, cached.clientId, true]);
    expect(portalTokens.slice(before.portal)).toEqual([refreshed.accessToken]);
  });

  it("the AWS CLI uses a legacy profile's token `sso-oidc login --profile` cached under the start URL, as it is", async () => {
    const ours = await runWithProxy(process.execPath, [join(root, "packages/cli/dist/bin.cjs"), "login", "--profile", "legacy", "--endpoint", service.url, "--cache-dir", cacheDir, "--no-browser"], approver());
    expect(ours.code).toBe(0);
    const cached = readJson(cacheFile({ startUrl: LEGACY_START_URL, cacheDir }));
    expect(cached.startUrl).toBe(LEGACY_START_URL);
    const before = { tokens: service.calls().CreateToken, portal: portalTokens.length };
    const exported = await runWithProxy(aws, ["configure", "export-credentials", "--profile", "legacy", "--format", "process"]);
    expect([exported.code, JSON.parse(exported.stdout).AccessKeyId]).toEqual([0, ROLE_CREDENTIALS.accessKeyId]);
    // A legacy profile has no refresh in the AWS CLI: the token went to the portal as it was cached.
    expect([service.calls().CreateToken - before.tokens, portalTokens.slice(before.portal)]).toEqual([0, [cached.accessToken]]);
    expect(seen.filter((s) => s.includes("role_name=Auditor"))).toEqual([`GET ${PORTAL_HOST} /federation/credentials?role_name=Auditor&account_id=444455556666`]);
  });

  it("went nowhere but the two AWS hosts, through the proxy", () => {
    expect([...new Set(seen.filter((s) => s.startsWith("CONNECT")))].sort()).toEqual([`CONNECT ${OIDC_HOST}:443`, `CONNECT ${PORTAL_HOST}:443`]);
  });

  it("sent every SSO OIDC call as application/json, the one content type the local service takes for them", () => {
    expect(oidcContentTypes.length).toBeGreaterThanOrEqual(4);
    expect(new Set(oidcContentTypes)).toEqual(new Set(["application/json"]));
  });
});
