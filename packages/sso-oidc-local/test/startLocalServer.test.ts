import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  UnsupportedGrantTypeException,
} from "@ssokit/client-sso-oidc";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { spawn } from "node:child_process";
import http from "node:http";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { rawRequest } from "../../core/test/support/rawRequest";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
let now = Date.UTC(2026, 10, 26, 12);
const clock = { now: () => now };
let server: LocalServer;
let client: SSOOIDCClient;

beforeAll(async () => {
  server = await startLocalServer({ clock });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

async function register() {
  return client.send(new RegisterClientCommand({ clientName: "test-cli", clientType: "public", scopes: ["sso:account:access"] }));
}

async function authorize() {
  const reg = await register();
  const auth = await client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
  const poll = () => client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode }));
  return { reg, auth, poll };
}

const failure = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error("expected a failure")), (e) => e);

describe("RegisterClient", () => {
  it("returns a client id and secret that expires in 90 days", async () => {
    const reg = await register();
    expect(reg.clientId).toMatch(/^cid-[\w-]{43}$/);
    expect(reg.clientSecret).toMatch(/^csec-[\w-]{43}$/);
    expect(reg.clientIdIssuedAt).toBe(now / 1000);
    expect(reg.clientSecretExpiresAt).toBe(now / 1000 + 90 * 24 * 3600);
    expect(reg.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a client type other than public with InvalidClientMetadataException", async () => {
    const e = await failure(client.send(new RegisterClientCommand({ clientName: "x", clientType: "confidential" })));
    expect(e).toBeInstanceOf(InvalidClientMetadataException);
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.error).toBe("invalid_client_metadata");
  });
});

describe("device authorization", () => {
  it("returns a user code without look-alike letters and a verification URI with it filled in", async () => {
    const { auth } = await authorize();
    expect(auth.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(auth.verificationUri).toBe(`${server.url}/device`);
    expect(auth.verificationUriComplete).toBe(`${server.url}/device?user_code=${auth.userCode}`);
    expect([auth.expiresIn, auth.interval]).toEqual([600, 1]);
    expect(server.pendingUserCodes()).toContain(auth.userCode);
  });

  it("answers pending, then slow down when polled faster than the interval, then tokens once approved", async () => {
    const { auth, poll } = await authorize();
    expect(await failure(poll())).toBeInstanceOf(AuthorizationPendingException);
    now += 200;
    const slow = await failure(poll());
    expect(slow).toBeInstanceOf(SlowDownException);
    expect(slow.error_description).toBe("polling faster than every 1 s; wait 6 s between polls");
    now += 6000;
    expect(await failure(poll())).toBeInstanceOf(AuthorizationPendingException);
    expect(server.approve(auth.userCode!)).toBe(true);
    now += 6000;
    const token = await poll();
    expect(token.accessToken).toMatch(/^aoa-/);
    expect(token.refreshToken).toMatch(/^aor-/);
    expect([token.tokenType, token.expiresIn]).toEqual(["Bearer", 3600]);
    now += 6000;
    const reused = await failure(poll());
    expect(reused).toBeInstanceOf(InvalidGrantException);
    expect(reused.message).toBe("the device code has already been used");
  });

  it("answers AccessDeniedException once the user denies", async () => {
    const { auth, poll } = await authorize();
    expect(server.deny(auth.userCode!)).toBe(true);
    expect(await failure(poll())).toBeInstanceOf(AccessDeniedException);
    expect(server.approve(auth.userCode!)).toBe(false);
  });

  it("answers ExpiredTokenException once the device code has expired", async () => {
    const { poll } = await authorize();
    now += 601_000;
    expect(await failure(poll())).toBeInstanceOf(ExpiredTokenException);
  });

  it("answers InvalidGrantException for an unknown device code", async () => {
    const reg = await register();
    const e = await failure(client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: "dc-nope" })));
    expect(e).toBeInstanceOf(InvalidGrantException);
  });
});

describe("clients and secrets", () => {
  it("refuses an unknown client, a wrong secret and an expired secret with InvalidClientException (401)", async () => {
    const reg = await register();
    const start = (clientId: string, clientSecret: string) =>
      failure(client.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: "https://d-1.awsapps.com/start" })));
    for (const [e, description] of [
      [await start("cid-unknown", reg.clientSecret!), "unknown client id; register the client"],
      [await start(reg.clientId!, "wrong"), "the client secret does not match the client id"],
    ]) {
      expect(e).toBeInstanceOf(InvalidClientException);
      expect(e.$metadata.httpStatusCode).toBe(401);
      expect(e.message).toBe(description);
    }
    now += 90 * 24 * 3600 * 1000;
    const expired = await start(reg.clientId!, reg.clientSecret!);
    expect(expired).toBeInstanceOf(InvalidClientException);
    expect(expired.message).toBe("the client secret has expired; register the client again");
  });
});

describe("refresh tokens", () => {
  it("rotates: a new access and refresh token, and the old refresh token stops working", async () => {
    const { auth, poll, reg } = await authorize();
    server.approve(auth.userCode!);
    const first = await poll();
    const refresh = (refreshToken: string) => client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "refresh_token", refreshToken }));
    const second = await refresh(first.refreshToken!);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await failure(refresh(first.refreshToken!))).toBeInstanceOf(InvalidGrantException);
    expect((await refresh(second.refreshToken!)).tokenType).toBe("Bearer");
  });

  it("answers UnsupportedGrantTypeException for another grant type", async () => {
    const reg = await register();
    const e = await failure(client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "password" })));
    expect(e).toBeInstanceOf(UnsupportedGrantTypeException);
  });
});

describe("bad input", () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it.each([
    ["malformed JSON", "/token", "{not json", 400, "InvalidRequestException", "the request body is not valid JSON"],
    ["a JSON array", "/token", "[1,2]", 400, "InvalidRequestException", "the request body must be a JSON object"],
    ["a missing member", "/client/register", '{"clientType":"public"}', 400, "InvalidRequestException", "clientName is required and must be a non-empty string"],
    ["a wrong type", "/client/register", '{"clientName":"x","clientType":"public","scopes":"one"}', 400, "InvalidRequestException", "scopes must be a list of strings"],
    ["a number for a string", "/token", '{"clientId":5,"clientSecret":"s","grantType":"g"}', 400, "InvalidRequestException", "clientId is required and must be a non-empty string"],
  ])("answers %s with the modeled error", async (_label, path, body, status, name, description) => {
    const res = await post(path, body);
    expect(res.status).toBe(status);
    expect(res.headers.get("x-amzn-errortype")).toBe(`${name}:http://internal.amazon.com/coral/com.amazonaws.ssooidc/`);
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ error: "invalid_request", error_description: description });
  });

  it("answers a body over the size limit with 413 before reading it, and keeps serving", async () => {
    // Declares 200 kB and sends none of it: the answer comes from the declared size alone.
    const { status, errorType } = await new Promise<{ status?: number; errorType?: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/token`, { method: "POST", headers: { "content-type": "application/json", "content-length": "200000" } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode, errorType: res.headers["x-amzn-errortype"] as string });
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
    expect(errorType).toMatch(/^InvalidRequestException:/);
    // And one that streams past the limit without declaring it: refused, the connection closed, no crash.
    const streamed = await new Promise<number | string>((resolve) => {
      const req = http.request(`${server.url}/token`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code!));
      for (let i = 0; i < 10; i++) req.write(Buffer.alloc(20_000, 0x61));
      req.end();
    });
    expect([413, "EPIPE", "ECONNRESET"]).toContain(streamed);
    expect((await register()).clientId).toMatch(/^cid-/);
  });

  it.each(["//", "//[", "//:99999"])("answers the request target %s, which Node's URL parser rejects, with 400 and keeps serving", async (target) => {
    expect(await rawRequest(server.port, target)).toBe(400);
    expect((await register()).clientId).toMatch(/^cid-/);
  });

  it("refuses an operation's body without a JSON content type (a cross-site page's simple POST) with 415, before the operation sees it", async () => {
    const before = server.calls().RegisterClient;
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", undefined]) {
      const res = await fetch(`${server.url}/client/register`, { method: "POST", headers: type ? { "content-type": type } : {}, body: Buffer.from('{"clientName":"x","clientType":"public"}') });
      expect([type, res.status, res.headers.get("x-amzn-errortype")?.split(":")[0], (await res.json()).error_description]).toEqual([
        type,
        415,
        "InvalidRequestException",
        "the body must be JSON, sent with content-type application/json",
      ]);
    }
    expect(server.calls().RegisterClient).toBe(before);
    const charset = await fetch(`${server.url}/client/register`, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: '{"clientName":"x","clientType":"public"}' });
    expect(charset.status).toBe(200);
  });

  it("answers unknown paths with 404 and the wrong method with 405", async () => {
    const missing = await post("/nope", "{}");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("not_found");
    const wrong = await fetch(`${server.url}/token`);
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await register()).clientId).toMatch(/^cid-/);
  });
});

describe("cors", () => {
  const preflight = (url: string) =>
    fetch(`${url}/token`, {
      method: "OPTIONS",
      headers: { origin: "http://app.test:8080", "access-control-request-method": "POST", "access-control-request-headers": "amz-sdk-request,content-type,x-amz-user-agent" },
    });
  const CORS_HEADERS = ["access-control-allow-origin", "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age", "access-control-expose-headers"];
  const corsHeaders = (res: Response) => CORS_HEADERS.map((h) => res.headers.get(h));

  it("answers preflights and lets pages read the request id and error type when cors is on", async () => {
    const open = await startLocalServer({ cors: true });
    try {
      const pre = await preflight(open.url);
      expect([pre.status, ...corsHeaders(pre)]).toEqual([204, "*", "POST", "amz-sdk-request,content-type,x-amz-user-agent", "600", null]);
      expect(open.calls().CreateToken).toBe(0);
      const res = await fetch(`${open.url}/token`, { method: "POST", headers: { origin: "http://app.test:8080", "content-type": "application/json" }, body: "{}" });
      expect([res.status, ...corsHeaders(res)]).toEqual([400, "*", null, null, null, "x-amzn-requestid, x-amzn-errortype, retry-after, x-amz-retry-after"]);
      expect(res.headers.get("x-amzn-errortype")).toMatch(/^InvalidRequestException:/);
      // Not on the pages people open: only the operations are for scripts of other origins.
      const page = await fetch(open.verificationUri, { headers: { origin: "http://app.test:8080" } });
      expect([page.status, page.headers.get("access-control-allow-origin")]).toEqual([200, null]);
    } finally {
      await open.close();
    }
  });

  it("sends no cors headers and answers preflights with 405 by default", async () => {
    const pre = await preflight(server.url);
    expect([pre.status, ...corsHeaders(pre)]).toEqual([405, null, null, null, null, null]);
    const res = await fetch(`${server.url}/token`, { method: "POST", headers: { origin: "http://app.test:8080", "content-type": "application/json" }, body: "{}" });
    expect([res.status, ...corsHeaders(res)]).toEqual([400, null, null, null, null, null]);
  });
});

describe("verification pages", () => {
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/device`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields).toString() });
  /** The hidden fields of a page's form: its token, and the code it is about. */
  const fields = (page: string) => Object.fromEntries([...page.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  const title = (page: string) => page.match(/<title>(.*?)<\/title>/)![1];

  it("shows the code large to compare, then what the application asks for, then approves: three pages, each with its own title", async () => {
    const { auth, poll } = await authorize();
    const confirm = await (await fetch(auth.verificationUriComplete!)).text();
    expect(title(confirm)).toBe("Confirm the code · SSO OIDC (local)");
    expect(confirm).toContain(`<p class="code" id="code">${auth.userCode}</p>`);
    expect(confirm).toContain("<b>test-cli</b> asks to sign in.");
    expect(confirm).toContain('<a class="link" href="/device">Enter a different code</a>');
    expect(confirm).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(confirm).not.toContain("<script");
    const allow = await form({ ...fields(confirm), action: "confirm" });
    const allowPage = await allow.text();
    expect([allow.status, title(allowPage)]).toEqual([200, "Allow access? · SSO OIDC (local)"]);
    expect(allowPage).toContain("<li><code>sso:account:access</code></li>");
    const answer = await form({ ...fields(allowPage), action: "approve" });
    const approved = await answer.text();
    expect([answer.status, title(approved)]).toEqual([200, "Access allowed · SSO OIDC (local)"]);
    now += 60_000;
    expect((await poll()).accessToken).toMatch(/^aoa-/);
  });

  it("takes a typed code (any case, spaces) on the blank form straight to what the application asks for", async () => {
    const { auth } = await authorize();
    const blank = await (await fetch(`${server.url}/device`)).text();
    expect(title(blank)).toBe("Enter the code · SSO OIDC (local)");
    expect(blank).toContain('<label for="user_code">Code</label>');
    const allow = await (await form({ ...fields(blank), user_code: auth.userCode!.toLowerCase().replace("-", " "), action: "confirm" })).text();
    expect(title(allow)).toBe("Allow access? · SSO OIDC (local)");
    const denied = await form({ ...fields(allow), action: "deny" });
    expect([denied.status, title(await denied.text())]).toEqual([200, "Access denied · SSO OIDC (local)"]);
    expect(server.approve(auth.userCode!)).toBe(false);
  });

  it("says so when an approved or denied link is opened again, instead of showing the form", async () => {
    const approved = await authorize();
    server.approve(approved.auth.userCode!);
    const again = await (await fetch(approved.auth.verificationUriComplete!)).text();
    expect([title(again), again.includes("<form")]).toEqual(["Already approved · SSO OIDC (local)", false]);
    now += 60_000;
    await approved.poll();
    expect(title(await (await fetch(approved.auth.verificationUriComplete!)).text())).toBe("Already approved · SSO OIDC (local)");
    const denied = await authorize();
    server.deny(denied.auth.userCode!);
    expect(title(await (await fetch(denied.auth.verificationUriComplete!)).text())).toBe("Already denied · SSO OIDC (local)");
  });

  it("gives a mistyped code the form again, with the code typed, to correct it; and escapes what was typed", async () => {
    const blank = await (await fetch(`${server.url}/device`)).text();
    const answer = await form({ ...fields(blank), user_code: "<script>x", action: "confirm" });
    const text = await answer.text();
    expect([answer.status, title(text)]).toEqual([404, "Check the code · SSO OIDC (local)"]);
    expect(text).toContain('<p class="problem" role="alert">No sign-in waits for the code SCRIPTX:');
    expect(text).toContain('<input id="user_code" name="user_code" value="SCRIPTX"');
    expect(text).not.toContain("<script>");
    const linked = await fetch(`${server.url}/device?user_code=BBBB-CCCC`);
    expect([linked.status, title(await linked.text())]).toEqual([404, "Check the code · SSO OIDC (local)"]);
  });

  it("sends X-Frame-Options DENY and a CSP on every page: its own style only, no framing, forms to itself", async () => {
    const { auth } = await authorize();
    for (const url of [`${server.url}/device`, auth.verificationUriComplete!, `${server.url}/device?user_code=NONE`, `${server.url}/authorize?client_id=nobody`]) {
      const res = await fetch(url);
      expect([url, res.headers.get("x-frame-options"), res.headers.get("cache-control"), res.headers.get("referrer-policy")]).toEqual([url, "DENY", "no-store", "same-origin"]);
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/);
    }
  });
});

describe("verification pages against other sites", () => {
  /** The token of the page that lets the user approve `userCode`, got as a browser gets it. */
  const decideToken = async (auth: { verificationUriComplete?: string; userCode?: string }) => {
    const confirm = await (await fetch(auth.verificationUriComplete!)).text();
    const csrf = confirm.match(/name="csrf" value="([^"]+)"/)![1];
    const allow = await (
      await fetch(`${server.url}/device`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf, user_code: auth.userCode!, action: "confirm" }).toString(),
      })
    ).text();
    return allow.match(/name="csrf" value="([^"]+)"/)![1];
  };
  const approveWith = async (headers: Record<string, string>, token?: (own: string) => string | Promise<string>) => {
    const { auth } = await authorize();
    const own = await decideToken(auth);
    const res = await fetch(`${server.url}/device`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ csrf: token ? await token(own) : own, user_code: auth.userCode!, action: "approve" }).toString(),
    });
    return { status: res.status, title: (await res.text()).match(/<h1>(.*?)<\/h1>/)![1], stillPending: server.pendingUserCodes().includes(auth.userCode!) };
  };

  it.each([
    ["no token", {}, () => "", 403, "This page has expired"],
    ["a forged token", {}, (t: string) => `${t.split(".")[0]}.AAAA`, 403, "This page has expired"],
    ["the token of another code's page", {}, async () => decideToken((await authorize()).auth), 403, "This page has expired"],
    ["a token from before the code's lifetime", {}, (t: string) => `${Number(t.split(".")[0]) - 601_000}.${t.split(".")[1]}`, 403, "This page has expired"],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, undefined, 403, "Not sent from this page"],
    ["an Origin of another site", { origin: "http://evil.test" }, undefined, 403, "Not sent from this page"],
  ])("refuses an approval with %s, and the code stays pending", async (_label, headers, token, status, heading) => {
    expect(await approveWith(headers, token)).toEqual({ status, title: heading, stillPending: true });
  });

  it("takes the approval from the page itself (Sec-Fetch-Site same-origin, its own Origin)", async () => {
    const host = new URL(server.url).host;
    expect(await approveWith({ "sec-fetch-site": "same-origin", origin: `http://${host}` })).toEqual({ status: 200, title: "Access allowed", stillPending: false });
  });

  it("refuses the pages under a host name that is not an address (DNS rebinding) with 421", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      http.get(`${server.url}/device`, { headers: { host: `evil.test:${server.port}` } }, (res) => (res.resume(), resolve(res.statusCode!))).on("error", reject);
    });
    expect(status).toBe(421);
  });
});

describe("bound to every interface", () => {
  it("is reached at the loopback address, and gives verification links with the machine's network address, never 0.0.0.0", async () => {
    const open = await startLocalServer({ host: "0.0.0.0" });
    const sdk = new SSOOIDCClient({ region: "us-east-1", endpoint: open.url, maxAttempts: 1 });
    try {
      expect(open.url).toBe(`http://127.0.0.1:${open.port}`);
      const addresses = Object.values(networkInterfaces()).flatMap((l) => l ?? []).filter((a) => !a.internal && a.family === "IPv4").map((a) => a.address);
      const reg = await sdk.send(new RegisterClientCommand({ clientName: "phone", clientType: "public" }));
      const auth = await sdk.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
      const link = new URL(auth.verificationUriComplete!);
      expect([link.hostname, link.port, link.href.startsWith(open.verificationUri)]).toEqual([addresses[0] ?? "127.0.0.1", String(open.port), true]);
      // And the page answers there, as a phone on the network would open it.
      const page = await fetch(link);
      expect([page.status, (await page.text()).includes("<title>Confirm the code")]).toEqual([200, true]);
    } finally {
      sdk.destroy();
      await open.close();
    }
  });
});

describe("what the service holds", () => {
  /** Waits (a bounded number of short turns) until `done()` holds, for the sweep timer to have run. */
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    return done();
  };

  it("drops expired clients, device authorizations, authorization requests and codes, and refresh tokens on its timer", async () => {
    let t = Date.UTC(2026, 10, 26, 12);
    const local = await startLocalServer({ clock: { now: () => t }, sweepInterval: 0.01, deviceCodeTtl: 10, refreshTokenTtl: 700, clientSecretTtl: 800 });
    const sdk = new SSOOIDCClient({ region: "us-east-1", endpoint: local.url, maxAttempts: 1 });
    try {
      const reg = await sdk.send(new RegisterClientCommand({ clientName: "n", clientType: "public", grantTypes: [DEVICE_GRANT, "refresh_token", "authorization_code"], redirectUris: ["http://127.0.0.1/cb"] }));
      const auth = await sdk.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
      local.approve(auth.userCode!);
      await sdk.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode }));
      const authorizeUrl = `${local.authorizeUri}?response_type=code&client_id=${reg.clientId}&redirect_uri=http://127.0.0.1:1/cb&state=s&code_challenge=${"c".repeat(43)}&code_challenge_method=S256`;
      // One request answered (a code issued; nothing listens where the browser is sent), one left waiting.
      await local.completeAuthorization(authorizeUrl).catch(() => undefined);
      await fetch(authorizeUrl);
      const held = { clients: 1, deviceAuthorizations: 1, authorizationRequests: 1, authorizationCodes: 1, refreshTokens: 1, applicationAccessTokens: 0, applicationRefreshTokens: 0 };
      expect(local.stats()).toEqual({ ...held, connections: expect.any(Number) });
      // Each goes once its life is over, at the next sweep, and nothing else with it.
      const steps: [number, Partial<typeof held>][] = [
        [11_000, { deviceAuthorizations: 0, authorizationRequests: 0 }], // the device code's 10 s, the request's too
        [600_000, { authorizationCodes: 0 }], // the code's 10 minutes
        [100_000, { refreshTokens: 0 }], // the refresh token's 700 s
        [100_000, { clients: 0 }], // the client secret's 800 s
      ];
      let expected = held;
      for (const [ms, gone] of steps) {
        t += ms;
        expected = { ...expected, ...gone };
        expect(await until(() => Object.entries(gone).every(([k, v]) => local.stats()[k as keyof typeof held] === v))).toBe(true);
        expect(local.stats()).toEqual({ ...expected, connections: expect.any(Number) });
      }
    } finally {
      sdk.destroy();
      await local.close();
    }
  });

  it("refuses a registration beyond maxClients and a grant beyond maxAuthorizations with 429 saying which limit, until some expire", async () => {
    let t = Date.UTC(2026, 10, 26, 12);
    const local = await startLocalServer({ clock: { now: () => t }, sweepInterval: 0.01, maxClients: 2, maxAuthorizations: 1, clientSecretTtl: 100 });
    const sdk = new SSOOIDCClient({ region: "us-east-1", endpoint: local.url, maxAttempts: 1 });
    const reg = () => sdk.send(new RegisterClientCommand({ clientName: "n", clientType: "public" }));
    try {
      const first = await reg();
      await reg();
      const full = await failure(reg());
      expect([full.name, full.$metadata.httpStatusCode, full.message]).toEqual([
        "InvalidRequestException",
        429,
        "the local service holds 2 registered clients, its limit (maxClients); reuse a registration, or raise the limit",
      ]);
      const start = () => sdk.send(new StartDeviceAuthorizationCommand({ clientId: first.clientId, clientSecret: first.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
      await start();
      const busy = await failure(start());
      expect([busy.$metadata.httpStatusCode, busy.message]).toEqual([429, "the local service holds 1 grants in progress, its limit (maxAuthorizations); finish some or let them expire, or raise the limit"]);
      t += 101_000;
      expect(await until(() => local.stats().clients === 0)).toBe(true);
      expect((await reg()).clientId).toMatch(/^cid-/);
    } finally {
      sdk.destroy();
      await local.close();
    }
  });

  it("answers a request on a connection beyond maxConnections with 503 saying so, and serves again once one closes", async () => {
    const local = await startLocalServer({ maxConnections: 2 });
    const agent = new http.Agent({ keepAlive: true });
    const get = (a: http.Agent | false) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get(`${local.url}/nope`, { agent: a }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        }).on("error", reject);
      });
    try {
      // Two connections held open (keep-alive), then a third.
      await Promise.all([get(agent), get(agent)]);
      expect(local.stats().connections).toBe(2);
      const third = await get(false);
      expect([third.status, JSON.parse(third.body).error_description]).toEqual([503, "the local service has 2 open connections, its limit (maxConnections); close some, or raise the limit"]);
      agent.destroy();
      expect(await until(() => local.stats().connections === 0)).toBe(true);
      expect((await get(false)).status).toBe(404);
    } finally {
      agent.destroy();
      await local.close();
    }
  });
});

describe("controls", () => {
  it("fails the next N calls of an operation as scripted, then answers normally", async () => {
    server.failNext("RegisterClient", 2, { exception: "InternalServerException" });
    const before = server.calls().RegisterClient;
    const a = await failure(register());
    const b = await failure(register());
    expect([a.name, b.name, a.$metadata.httpStatusCode]).toEqual(["InternalServerException", "InternalServerException", 500]);
    expect((await register()).clientId).toMatch(/^cid-/);
    expect(server.calls().RegisterClient - before).toBe(3);
  });

  it("resets the connection when told to, and the client sees a network error", async () => {
    server.failNext("RegisterClient", 1, { reset: true });
    const e = await failure(register());
    expect(e.name).toBe("NetworkError");
  });

  it("keeps nothing alive after close(), not even the wait of a request it was delaying", async () => {
    // In a process of its own: it must end by itself once the server is closed, 60 s of latency notwithstanding.
    const script = `
      const { startLocalServer } = require(${JSON.stringify(join(__dirname, "../dist/index.cjs"))});
      (async () => {
        const server = await startLocalServer();
        server.setLatency(60000);
        const answered = fetch(server.url + "/client/register", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then(() => "answered", () => "failed");
        await new Promise((r) => setTimeout(r, 50));
        await server.close();
        console.log(await answered);
      })();`;
    const child = spawn(process.execPath, ["-e", script]);
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    const killer = setTimeout(() => child.kill(), 20_000);
    const code = await new Promise((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    expect([code, out]).toEqual([0, "failed\n"]);
  });

  it("adds latency before answering: a client whose deadline is shorter times out", async () => {
    const impatient = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1, requestTimeout: 50 });
    server.setLatency(400, "RegisterClient");
    const e = await failure(impatient.send(new RegisterClientCommand({ clientName: "x", clientType: "public" })));
    server.setLatency(0, "RegisterClient");
    const ok = await impatient.send(new RegisterClientCommand({ clientName: "x", clientType: "public" }));
    impatient.destroy();
    expect(e.name).toBe("TimeoutError");
    expect(ok.clientId).toMatch(/^cid-/);
  });
});
