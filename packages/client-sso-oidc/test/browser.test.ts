import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { chromium, type Browser, type Page } from "playwright-core";
import { json, startServer, type TestServer } from "./support/testServer";

// The client's browser build (fetch, on-demand chunks, no Node built-ins) in a real Chromium: an application
// bundle of it, served from one origin, calling the local SSO OIDC service (cors on) on another.

const run = promisify(execFile);
const root = join(__dirname, "../../..");
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EXPORTS = "SSOOIDCClient, RegisterClientCommand, StartDeviceAuthorizationCommand, CreateTokenCommand, SSOOIDCServiceException, AuthorizationPendingException, SlowDownException";

interface CallResult {
  output?: any;
  error?: any;
  log: [string, any][];
}

let dir: string;
let site: http.Server;
let siteUrl: string;
let service: LocalServer;
let browser: Browser;
let page: Page;
/** The files the page fetched from the site, in order. */
const served: string[] = [];

/** Serves the application's files, as any static host would. */
async function serve(folder: string) {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
  site = http.createServer((req, res) => {
    const name = (req.url ?? "/").split("?")[0].replace(/^\/$/, "/index.html").slice(1);
    try {
      if (!/^((v2|official|login)\/)?[\w.-]+$/.test(name)) throw new Error("not a file name");
      const body = readFileSync(join(folder, name));
      served.push(name);
      res.writeHead(200, { "content-type": types[extname(name)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
}

beforeAll(async () => {
  const executablePath = (await run(process.execPath, [join(root, "scripts/systemTools.mjs"), "--print", "chromium"])).stdout.trim();
  dir = mkdtempSync(join(tmpdir(), "ssokit-browser-"));
  // More applications, each in a folder of its own and loaded by the page on first use: the v2-style SSOOIDC
  // alone, the official client, and device login from @ssokit/sso-login (its browser build) with the client.
  const LOGIN_APP = `export { deviceLogin, isDeviceAuthorizationDeniedError } from "@ssokit/sso-login"; export { SSOOIDCClient } from "@ssokit/client-sso-oidc";`;
  for (const [folder, names, ...extra] of [
    [dir, EXPORTS],
    [join(dir, "v2"), "SSOOIDC", "--pkg", "@ssokit/client-sso-oidc/v2"],
    [join(dir, "official"), "SSOOIDCClient, CreateTokenCommand", "--pkg", "@aws-sdk/client-sso-oidc"],
    [join(dir, "login"), "login", "--source", LOGIN_APP],
  ]) {
    const { stdout } = await run(process.execPath, [join(root, "scripts/bundle-size.mjs"), "--target", "browser", ...extra, "--out", folder, names], { cwd: root });
    const [{ entry }] = JSON.parse(stdout);
    writeFileSync(join(folder, "app.js"), `export * from "./${entry}";\n`);
  }
  copyFileSync(join(__dirname, "support/browserPage.js"), join(dir, "page.js"));
  writeFileSync(join(dir, "index.html"), `<!doctype html><title>ssokit in a browser</title><script type="module" src="page.js"></script>\n`);
  await serve(dir);
  service = await startLocalServer({ cors: true });
  // Root in a container has no user namespaces for Chromium's sandbox.
  browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ["--no-sandbox"] : [] });
  page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(siteUrl);
  await page.waitForFunction(() => (window as any).ready === true, undefined, { timeout: 10_000 }).catch(() => {
    throw new Error(`the page did not load the bundle: ${pageErrors.join("; ") || "no page error"}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  site?.closeAllConnections();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Sends `operation` from the page with a fresh client. */
function call(operation: string, config: object, input: object, options: { abortAfter?: number; log?: boolean } = {}): Promise<CallResult> {
  return page.evaluate(([o, c, i, opts]) => (window as any).call(o, c, i, opts), [operation, config, input, options] as const);
}

const register = async (config: object = { region: "us-east-1", endpoint: service.url }) =>
  (await call("RegisterClient", config, { clientName: "browser-app", clientType: "public", scopes: ["sso:account:access"] })).output;

describe("SSOOIDCClient in Chromium", () => {
  const ON_DEMAND = ["AdaptiveRetryStrategy", "bodyErrors", "credentialProvider", "errorResponse", "InvalidResponseError", "logCall", "nextRetryToken", "retryErrorInfo", "scrub", "transportError", "unsendableInput", "uuidV4"];
  const chunksServed = () => served.map((name) => name.replace(/-[\w-]{8}\.js$/, "")).filter((name) => ON_DEMAND.includes(name));

  it("loads the page with none of the on-demand chunks", () => {
    expect(served.slice(0, 3)).toEqual(["index.html", "page.js", "app.js"]);
    expect(chunksServed()).toEqual([]);
  });

  it("signs in with the device grant: pending as AuthorizationPendingException, then tokens once approved, then a refresh", async () => {
    const endpoint = { region: "us-east-1", endpoint: service.url };
    const reg = await register();
    expect(reg.clientId).toMatch(/^cid-/);
    expect(reg.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
    // The request id is readable because the service exposes it to the page.
    expect(reg.$metadata.requestId).toMatch(/\S{8,}/);
    const start = await call("StartDeviceAuthorization", endpoint, { clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" });
    const auth = start.output;
    expect(auth.verificationUriComplete).toBe(`${service.verificationUri}?user_code=${auth.userCode}`);
    const poll = { clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode };

    const pending = (await call("CreateToken", endpoint, poll)).error;
    expect(pending).toMatchObject({ name: "AuthorizationPendingException", error: "authorization_pending", $fault: "client", isServiceException: true, isAuthorizationPending: true });
    expect(pending.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    // The first failure brings in what failures need: parsing, scrubbing secrets from the message, the retry decision.
    // (errorResponse's own imports load side by side, in no set order.)
    expect(chunksServed().sort()).toEqual(["errorResponse", "InvalidResponseError", "scrub", "retryErrorInfo", "nextRetryToken"].sort());

    expect(service.approve(auth.userCode)).toBe(true);
    const token = (await call("CreateToken", endpoint, poll)).output;
    expect([token.tokenType, token.expiresIn, typeof token.accessToken, typeof token.refreshToken]).toEqual(["Bearer", 3600, "string", "string"]);
    const refreshed = (await call("CreateToken", endpoint, { clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "refresh_token", refreshToken: token.refreshToken })).output;
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
  });

  describe("against a recording server", () => {
    let recorder: TestServer;
    // Answers preflights like a CORS-enabled service; each POST gets what `answer` says (default: 200 with the request's headers).
    let answer: ((res: http.ServerResponse, body: string) => void) | undefined;
    beforeAll(async () => {
      recorder = await startServer((req, res) => {
        res.setHeader("access-control-allow-origin", "*");
        if (req.method === "OPTIONS") {
          res.writeHead(204, { "access-control-allow-methods": "POST", "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? "") }).end();
          return;
        }
        if (answer) answer(res, req.body);
        else json(res, 200, { headers: req.headers, body: req.body });
      });
    });
    afterEach(() => {
      answer = undefined;
    });
    afterAll(() => recorder.close());
    const posts = () => recorder.requests.filter((r) => r.method === "POST");

    it("sends the JSON body, the SDK's headers and the browser's own user-agent", async () => {
      const input = { clientName: "browser-app ✓", clientType: "public", scopes: ["sso:account:access"] };
      const { output } = await call("RegisterClient", { endpoint: recorder.url, convertResponseTypes: false }, input);
      const { headers, body } = output;
      expect(JSON.parse(body)).toEqual(input);
      expect(headers["content-type"]).toBe("application/json");
      expect(headers["content-length"]).toBe(String(Buffer.byteLength(body)));
      expect(headers["amz-sdk-request"]).toBe("attempt=1; max=3");
      expect(headers["amz-sdk-invocation-id"]).toMatch(UUID_V4);
      expect(headers["x-amz-user-agent"]).toMatch(/^ssokit\/\d+\.\d+\.\d+ ua\/2\.1 lang\/js md\/browser api\/sso-oidc#\d+\.\d+\.\d+$/);
      expect(headers["user-agent"]).toMatch(/Chrome\/\d+/);
      expect(posts().at(-1)!.url).toBe("/client/register");
    });

    it("makes a v4 invocation id per call when the page has no crypto.randomUUID", async () => {
      await page.evaluate(() => (window as any).withoutRandomUUID());
      expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe("undefined");
      const ids = [];
      for (let i = 0; i < 2; i++) ids.push((await call("RegisterClient", { endpoint: recorder.url, convertResponseTypes: false }, { clientName: "a", clientType: "public" })).output.headers["amz-sdk-invocation-id"]);
      expect(ids[0]).toMatch(UUID_V4);
      expect(ids[1]).toMatch(UUID_V4);
      expect(ids[0]).not.toBe(ids[1]);
    });

    it("names the exception from the body when the page may not read x-amzn-ErrorType", async () => {
      answer = (res) =>
        json(res, 400, { error: "slow_down", error_description: "Poll every 10 seconds." }, { "x-amzn-errortype": "SlowDownException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/", "x-amzn-requestid": "req-hidden" });
      const { error } = await call("CreateToken", { endpoint: recorder.url, maxAttempts: 1 }, { clientId: "cid-1", clientSecret: "secret-5b1e", grantType: DEVICE_GRANT, deviceCode: "device-77c0" });
      expect(error).toMatchObject({ name: "SlowDownException", message: "Poll every 10 seconds.", error: "slow_down", isSlowDown: true, isServiceException: true });
      // Without access-control-expose-headers the page sees neither header: the id stays unknown.
      expect(error.$metadata).toEqual({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });
    });

    it("names it where @aws-sdk/client-sso-oidc in the same page cannot, and keeps the service's description", async () => {
      answer = (res) =>
        json(res, 400, { error: "authorization_pending", error_description: "The user has not approved yet." }, { "x-amzn-errortype": "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/" });
      const config = { region: "us-east-1", endpoint: recorder.url, maxAttempts: 1 };
      const input = { clientId: "cid-1", clientSecret: "secret-5b1e", grantType: DEVICE_GRANT, deviceCode: "device-77c0" };
      const ours = (await call("CreateToken", config, input)).error;
      const official = (await page.evaluate(([c, i]) => (window as any).callOfficial("CreateToken", c, i), [config, input] as const)).error;
      expect([ours.name, ours.message]).toEqual(["AuthorizationPendingException", "The user has not approved yet."]);
      // The official client only reads the header, which the page may not see: a poller cannot tell "pending" from any other failure.
      expect([official.name, official.$metadata.httpStatusCode]).toEqual(["Unknown", 400]);
      expect(official.message).not.toBe("The user has not approved yet.");
    });

    it("reports an HTML 502 from a proxy as InvalidResponseError with the status, after retrying it", async () => {
      answer = (res) => {
        res.writeHead(502, { "content-type": "text/html" }).end("<html><body>Bad Gateway</body></html>");
      };
      const before = posts().length;
      const { error } = await call("RegisterClient", { endpoint: recorder.url, maxAttempts: 2 }, { clientName: "a", clientType: "public" });
      expect([error.name, error.$fault, error.$metadata.httpStatusCode, error.$metadata.attempts]).toEqual(["InvalidResponseError", "server", 502, 2]);
      expect(error.message).toContain("Bad Gateway");
      expect(posts().length - before).toBe(2);
    });
  });

  it("retries 500 and 503 answers", async () => {
    service.failNext("RegisterClient", 1, { status: 500 });
    service.failNext("RegisterClient", 1, { status: 503 });
    const before = service.calls().RegisterClient;
    const reg = await register();
    expect(reg.clientId).toMatch(/^cid-/);
    expect(reg.$metadata.attempts).toBe(3);
    expect(service.calls().RegisterClient - before).toBe(3);
  });

  it("fails with AbortError when the page aborts, and with TimeoutError past requestTimeout after every attempt", async () => {
    service.setLatency(1_000, "RegisterClient");
    try {
      const input = { clientName: "a", clientType: "public" };
      const aborted = (await call("RegisterClient", { endpoint: service.url }, input, { abortAfter: 50 })).error;
      expect([aborted.name, aborted.code]).toEqual(["AbortError", "RequestAborted"]);
      const timedOut = (await call("RegisterClient", { endpoint: service.url, requestTimeout: 100, maxAttempts: 2 }, input)).error;
      expect([timedOut.name, timedOut.code, timedOut.$metadata.attempts]).toEqual(["TimeoutError", "RequestTimeout", 2]);
      expect(timedOut.message).toBe(`No response from ${service.url} within requestTimeout (100 ms).`);
    } finally {
      service.setLatency(0, "RegisterClient");
    }
  });

  it("fails with NetworkError when nothing listens at the endpoint", async () => {
    const gone = await startServer(() => {});
    await gone.close();
    const { error } = await call("RegisterClient", { endpoint: gone.url, maxAttempts: 1 }, { clientName: "a", clientType: "public" });
    expect([error.name, error.code, error.$metadata.attempts]).toEqual(["NetworkError", "NetworkError", 1]);
    expect(error.message).toMatch(new RegExp(`^Request to ${gone.url} failed \\(.+\\); check the endpoint and network\\.$`));
  });

  it("runs AWS SDK v2-style code: a callback, .promise(), request.on(...).send(), and parameter validation before anything is sent", async () => {
    const options = { region: "us-east-1", endpoint: service.url };
    const callV2 = (method: string, params: object, form: "callback" | "promise" | "events") =>
      page.evaluate(([m, o, p, f]) => (window as any).callV2(m, o, p, f), [method, options, params, form] as const);
    const reg = (await callV2("registerClient", { clientName: "v2-page", clientType: "public" }, "callback")).output;
    expect(reg.clientId).toMatch(/^cid-/);
    const auth = (await callV2("startDeviceAuthorization", { clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }, "promise")).output;
    expect(auth.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const before = service.calls().CreateToken;
    const { error } = await callV2("createToken", { clientId: 7, grantType: DEVICE_GRANT }, "promise");
    expect([error.name, error.code, error.errors.map((p: { path: string }) => p.path)]).toEqual(["ValidationError", "MultipleValidationErrors", ["params.clientId", "params.clientSecret"]]);
    expect(service.calls().CreateToken).toBe(before);
    // The reference's pattern, over fetch: the body comes as bytes (no Buffer in a page).
    const { output, events } = await callV2("registerClient", { clientName: "v2-events", clientType: "public" }, "events");
    expect(output.clientId).toMatch(/^cid-/);
    expect(events).toEqual(["validate", "build", "sign", "httpHeaders", "httpData Uint8Array", "httpDone", "send", "extractData", "success", "complete"]);
  });

  it("signs in with deviceLogin from @ssokit/sso-login's browser build, and reports a denial by its guard", async () => {
    const login = (endpoint: string) => page.evaluate((e) => (window as any).deviceLoginInPage(e), endpoint);
    const approved = login(service.url);
    const code = await page.waitForFunction(() => (window as any).verification?.userCode).then((h) => h.jsonValue() as Promise<string>);
    expect(service.approve(code)).toBe(true);
    expect(await approved).toEqual({ tokenType: "Bearer", expiresIn: 3600, hasRefreshToken: true, registrationReused: false, userCode: code });

    const denied = login(service.url);
    const second = await page.waitForFunction((first) => (window as any).verification?.userCode !== first && (window as any).verification?.userCode, code).then((h) => h.jsonValue() as Promise<string>);
    expect(service.deny(second)).toBe(true);
    expect(await denied).toEqual({ error: "DeviceAuthorizationDeniedError", denied: true });
  });

  it("logs one record per call through the page's logger, with no secret in it", async () => {
    const reg = await register();
    const secrets = { clientSecret: reg.clientSecret, deviceCode: "device-code-in-clear-9f2c" };
    const { error, log } = await call("CreateToken", { endpoint: service.url, maxAttempts: 1 }, { clientId: reg.clientId, ...secrets, grantType: DEVICE_GRANT }, { log: true });
    expect(error.name).toBe("InvalidGrantException");
    expect(log.map(([level, record]) => [level, record.commandName])).toEqual([["error", "CreateTokenCommand"]]);
    const text = JSON.stringify(log);
    for (const secret of Object.values(secrets)) expect(text.includes(secret)).toBe(false);
  });
});
