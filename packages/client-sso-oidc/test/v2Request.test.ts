import { CreateTokenCommand, isAbortError } from "@ssokit/client-sso-oidc";
import { Request, Response, SSOOIDC, type V2Error } from "@ssokit/client-sso-oidc/v2";
import { execFile } from "node:child_process";
import type http from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { fakeClock } from "../../core/test/support/fakeClock";
import { json, startServer, type TestServer } from "./support/testServer";

// The v2 client's AWS.Request, on what the side-by-side test against the aws-sdk v2 (v2Differential.test.ts)
// cannot show: waits, delays, listener forms, redirects, errors without an answer, and what a plain send() keeps.

const run = promisify(execFile);
const tokenParams = { clientId: "cid", clientSecret: "csecret", grantType: "refresh_token", refreshToken: "rt" };
let server: TestServer;
let answer: (req: { url: string; body: string; headers: http.IncomingHttpHeaders }, res: http.ServerResponse, i: number) => void;
const ok = (res: http.ServerResponse) => json(res, 200, { accessToken: "at", tokenType: "Bearer", expiresIn: 3600 }, { "x-amzn-requestid": "req-1" });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startServer((req, res, i) => answer(req, res, i));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.splice(0);
  answer = (_req, res) => ok(res);
});

const v2 = (options: ConstructorParameters<typeof SSOOIDC>[0] = {}) => new SSOOIDC({ region: "us-east-1", endpoint: server.url, ...options });

/** Resolves once the server has received `count` requests (bounded: 2 s). */
async function received(count: number) {
  for (let i = 0; i < 400 && server.requests.length < count; i++) await wait(5);
  expect(server.requests).toHaveLength(count);
}

/** Records every event of a request by name. */
function eventsOf(request: Request) {
  const seen: string[] = [];
  for (const event of ["validate", "build", "sign", "httpHeaders", "httpData", "httpDone", "httpError", "send", "extractData", "extractError", "retry", "success", "error", "complete"]) {
    request.on(event, () => seen.push(event));
  }
  return seen;
}

describe("Request", () => {
  it("sends nothing until send() or promise(); each starts the call once, and later ones get the same outcome", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    expect(request).toBeInstanceOf(Request);
    await wait(30);
    expect(server.requests).toHaveLength(0);
    const [a, b] = await Promise.all([request.promise(), request.promise()]);
    expect(a).toBe(b);
    expect(request.send()).toBe(request.response);
    const late = await new Promise((resolve) => request.send((err, data) => resolve([err, data])));
    expect(late).toEqual([null, a]);
    expect(await request.promise()).toBe(a);
    expect(server.requests).toHaveLength(1);
    ssooidc.destroy();
  });

  it("with a callback, sends at once and returns the request", async () => {
    const ssooidc = v2();
    let request: Request | undefined;
    const data = await new Promise((resolve) => (request = ssooidc.createToken(tokenParams, (_err, d) => resolve(d))));
    expect(request).toBeInstanceOf(Request);
    expect(request!.response.data).toBe(data);
    expect(server.requests).toHaveLength(1);
    ssooidc.destroy();
  });

  it("gives data with $metadata kept but not enumerable, and $response on the promise's", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    const data = await request.promise();
    ssooidc.destroy();
    expect(Object.keys(data)).toEqual(["accessToken", "tokenType", "expiresIn"]);
    expect(JSON.parse(JSON.stringify(data))).toEqual({ accessToken: "at", tokenType: "Bearer", expiresIn: 3600 });
    expect(data.$metadata).toEqual({ httpStatusCode: 200, requestId: "req-1", extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 });
    expect(data.$response).toBe(request.response);
    expect(request.response).toBeInstanceOf(Response);
  });

  it("abort() during a slow answer ends the call with RequestAbortedError, and nothing is retried", async () => {
    answer = () => undefined;
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    const events = eventsOf(request);
    const outcome = request.promise().catch((x) => x);
    await received(1);
    request.abort();
    const e = await outcome;
    await wait(50);
    ssooidc.destroy();
    expect([e.name, e.code, e.message, e.retryable, isAbortError(e)]).toEqual(["AbortError", "RequestAbortedError", "Request aborted by user", false, true]);
    expect(events).toEqual(["validate", "build", "sign", "httpError", "send", "retry", "error", "complete"]);
    expect(server.requests).toHaveLength(1);
    expect(request.response.retryCount).toBe(0);
  });

  it("abort() during the wait before a retry ends the call there", async () => {
    answer = (_req, res) => json(res, 500, {});
    const ssooidc = v2({ retryDelayOptions: { customBackoff: () => 60_000 } });
    const request = ssooidc.createToken(tokenParams);
    request.on("retry", () => setTimeout(() => request.abort(), 10));
    const e = await request.promise().catch((x) => x);
    ssooidc.destroy();
    expect([e.code, e.retryable]).toEqual(["RequestAbortedError", false]);
    expect(server.requests).toHaveLength(1);
  });

  it("abort() before send() sends nothing; after the end it does nothing", async () => {
    const ssooidc = v2();
    const early = ssooidc.createToken(tokenParams).abort();
    expect((await early.promise().catch((x) => x)).code).toBe("RequestAbortedError");
    expect(server.requests).toHaveLength(0);
    const done = ssooidc.createToken(tokenParams);
    const data = await done.promise();
    done.abort();
    expect(await done.promise()).toBe(data);
    ssooidc.destroy();
  });

  it("runs listeners in order, toHead first; onAsync ones hold the call until they call done; removed ones do not run", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    const seen: string[] = [];
    const dropped = () => seen.push("dropped");
    request
      .on("build", () => seen.push("second"))
      .on("build", () => seen.push("first"), true)
      .on("build", dropped)
      .onAsync("sign", (_request, done) => setTimeout(() => (seen.push("async sign"), done()), 20))
      .on("sign", () => seen.push("after async"))
      .on("complete", dropped)
      .removeListener("build", dropped);
    request.removeAllListeners("complete");
    expect(request.listeners("build")).toHaveLength(2);
    await request.promise();
    ssooidc.destroy();
    expect(seen).toEqual(["first", "second", "async sign", "after async"]);
  });

  it("an async listener's done(err) fails the call with err", async () => {
    const ssooidc = v2();
    const refused = new Error("not now");
    const e = await ssooidc
      .createToken(tokenParams)
      .onAsync("validate", (_request, done) => setTimeout(() => done(refused), 5))
      .promise()
      .catch((x: unknown) => x);
    ssooidc.destroy();
    expect(e).toBe(refused);
    expect(server.requests).toHaveLength(0);
  });

  it("sends what validate and build listeners change: new params, a header, and one set before send", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    request.httpRequest.headers["X-Early"] = "1";
    request.on("validate", (r) => (r.params = { ...r.params, scope: ["sso:account:access"] }));
    request.on("build", (r) => (r.httpRequest.headers["x-from-build"] = "2"));
    await request.promise();
    ssooidc.destroy();
    expect(JSON.parse(server.requests[0].body).scope).toEqual(["sso:account:access"]);
    expect([server.requests[0].headers["x-early"], server.requests[0].headers["x-from-build"]]).toEqual(["1", "2"]);
  });

  it("shows sign listeners the request a signing middleware hands on, and sends that one", async () => {
    const ssooidc = v2();
    // As httpSigningMiddleware does: a signed copy of the request goes on, the built one stays as it was.
    ssooidc.middlewareStack.add((next: any) => (args: any) => next({ ...args, request: { ...args.request, headers: { ...args.request.headers, authorization: "signed" } } }), {
      step: "finalizeRequest",
      name: "signer",
    });
    const request = ssooidc.createToken(tokenParams);
    let seen: unknown;
    request.on("sign", (r) => (seen = r.httpRequest.headers.authorization));
    await request.promise();
    ssooidc.destroy();
    expect([seen, server.requests[0].headers.authorization]).toEqual(["signed", "signed"]);
  });

  it("fails the call with what a listener throws, every listener of the event still running, nothing retried", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    const events = eventsOf(request);
    const after: string[] = [];
    request.on("extractData", () => {
      throw new Error("unwanted data");
    });
    request.on("extractData", () => after.push("ran"));
    const e = await request.promise().catch((x) => x);
    ssooidc.destroy();
    expect([e.message, e.code, e.statusCode, e.retryable, request.response.data]).toEqual(["unwanted data", "Error", 200, false, null]);
    expect(after).toEqual(["ran"]);
    expect(events).toEqual(["validate", "build", "sign", "httpHeaders", "httpData", "httpDone", "send", "extractData", "retry", "error", "complete"]);
    expect(server.requests).toHaveLength(1);
  });

  it("obeys a retry listener's retryDelay, in ms, and its retryable", async () => {
    answer = (req, res, i) => (i === 0 ? json(res, 400, { error: "invalid_grant" }, { "x-amzn-errortype": "InvalidGrantException:x" }) : ok(res));
    const time = fakeClock();
    const ssooidc = v2({ clock: time.clock });
    const request = ssooidc.createToken(tokenParams);
    request.on("retry", (response) => {
      response.error!.retryable = true;
      response.error!.retryDelay = 1234;
    });
    expect((await request.promise()).accessToken).toBe("at");
    expect(time.sleeps).toEqual([1234]);
    expect(request.response.retryCount).toBe(1);
    // A negative delay stops retrying, as v2's customBackoff does.
    answer = (_req, res) => json(res, 500, {});
    const stopped = ssooidc.createToken(tokenParams).on("retry", (response) => (response.error!.retryDelay = -1));
    expect((await stopped.promise().catch((x) => x)).statusCode).toBe(500);
    expect(stopped.response.retryCount).toBe(0);
    ssooidc.destroy();
  });

  it("fires the HTTP events for each answer of a followed redirect, and counts it in redirectCount", async () => {
    answer = (req, res) => (req.url === "/token" ? res.writeHead(307, { location: "/v2/token" }).end() : ok(res));
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    const statuses: number[] = [];
    const events = eventsOf(request);
    request.on("httpHeaders", (statusCode) => statuses.push(statusCode));
    await request.promise();
    ssooidc.destroy();
    expect(statuses).toEqual([307, 200]);
    // The redirect's answer has no body: no httpData for it.
    expect(events).toEqual(["validate", "build", "sign", "httpHeaders", "httpDone", "send", "httpHeaders", "httpData", "httpDone", "send", "extractData", "success", "complete"]);
    expect([request.response.redirectCount, request.response.retryCount]).toEqual([1, 0]);
  });

  it("keeps response.httpResponse and requestId of the last answer", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    await request.promise();
    ssooidc.destroy();
    const { httpResponse, requestId } = request.response;
    expect([httpResponse.statusCode, httpResponse.statusMessage, httpResponse.headers["content-type"], requestId]).toEqual([200, "OK", "application/json", "req-1"]);
    expect(Buffer.isBuffer(httpResponse.body)).toBe(true);
    expect(JSON.parse(String(httpResponse.body)).accessToken).toBe("at");
  });
});

describe("v2 errors", () => {
  it("name failures without an answer as v2 does: TimeoutError, NetworkingError, UnknownEndpoint", async () => {
    answer = () => undefined;
    const slow = v2({ maxRetries: 0, httpOptions: { timeout: 50 } });
    const timeout = await slow.createToken(tokenParams).promise().catch((x) => x);
    slow.destroy();
    const closed = await startServer(() => {});
    await closed.close();
    const refused = v2({ endpoint: closed.url, maxRetries: 0 });
    const network = await refused.createToken(tokenParams).promise().catch((x) => x);
    refused.destroy();
    const lookupFails = { handle: async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND oidc.example"), { code: "ENOTFOUND" })) };
    const unknown = v2({ requestHandler: lookupFails as never, maxRetries: 0 });
    const host = await unknown.createToken(tokenParams).promise().catch((x) => x);
    unknown.destroy();
    expect([timeout.name, timeout.code, timeout.retryable, timeout.statusCode, timeout.time instanceof Date]).toEqual(["TimeoutError", "TimeoutError", true, undefined, true]);
    expect([network.name, network.code, network.retryable]).toEqual(["NetworkError", "NetworkingError", true]);
    expect([host.name, host.code, host.retryable]).toEqual(["NetworkError", "UnknownEndpoint", false]);
  });

  it("are only the v2 methods': send(command) on the v2 client keeps v3's errors and output", async () => {
    answer = (_req, res) => json(res, 400, { error: "invalid_grant" }, { "x-amzn-errortype": "InvalidGrantException:x" });
    const ssooidc = v2({ maxRetries: 0 });
    const e = await ssooidc.send(new CreateTokenCommand(tokenParams)).catch((x) => x);
    answer = (_req, res) => ok(res);
    const output = await ssooidc.send(new CreateTokenCommand(tokenParams));
    ssooidc.destroy();
    expect(e.name).toBe("InvalidGrantException");
    for (const field of ["code", "time", "statusCode", "retryable", "requestId"]) expect([field, field in e]).toEqual([field, false]);
    expect(Object.keys(output)).toContain("$metadata");
  });
});

describe("listener exceptions after the end", () => {
  it("run every listener and the callback, then surface as an uncaught exception, as in v2", async () => {
    const program = `
const { SSOOIDC } = require("@ssokit/client-sso-oidc/v2");
const seen = [];
process.on("uncaughtException", (e) => { seen.push("uncaught " + e.message); console.log(JSON.stringify(seen)); ssooidc.destroy(); });
const ssooidc = new SSOOIDC({ region: "us-east-1", endpoint: process.env.ENDPOINT });
ssooidc.createToken(${JSON.stringify(tokenParams)})
  .on("success", () => { seen.push("success"); throw new Error("from success"); })
  .on("complete", () => seen.push("complete"))
  .send((err) => seen.push("callback " + err));`;
    const { stdout } = await run(process.execPath, ["-e", program], { cwd: join(__dirname, "../../.."), env: { ...process.env, ENDPOINT: server.url } });
    expect(JSON.parse(stdout)).toEqual(["success", "complete", "callback null", "uncaught from success"]);
  });
});
