import {
  CreateTokenCommand,
  InvalidResponseError,
  NetworkError,
  SSOOIDCClient,
  TimeoutError,
} from "@ssokit/client-sso-oidc";
import type http from "node:http";
import { json, startServer, type TestServer } from "./support/testServer";
import { fakeClock } from "../../core/test/support/fakeClock";

// A server that misbehaves on purpose. Each scenario checks the outcome and the attempt count, that nothing was
// rejected unhandled, and that once the client is destroyed no socket or timer of its own is left behind.
let server: TestServer;
let script: ((res: http.ServerResponse, req: http.IncomingMessage) => void)[] = [];
const closedEarly: number[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const ok = (res: http.ServerResponse) => json(res, 200, { accessToken: "at", tokenType: "Bearer", expiresIn: 60 });

beforeAll(async () => {
  server = await startServer((_req, res, i) => {
    res.on("close", () => !res.writableFinished && closedEarly.push(i));
    (script[i] ?? ok)(res, _req as never);
  });
  process.on("unhandledRejection", onUnhandled);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await server.close();
});
beforeEach(() => {
  server.requests.splice(0);
  closedEarly.splice(0);
  script = [];
});
afterEach(() => expect(unhandled).toEqual([]));

const resources = () => {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return { sockets: counts.TCPSocketWrap ?? 0, timers: counts.Timeout ?? 0 };
};

/** Runs one call on a fresh client, destroys it, and checks that it left no socket or timer behind. */
async function scenario(options: Record<string, unknown> = {}, endpoint = server.url) {
  const before = resources();
  const time = fakeClock();
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint, clock: time.clock, ...options });
  const outcome = await client.send(new CreateTokenCommand(input)).then(
    (output) => ({ output, error: undefined as any }),
    (error) => ({ output: undefined, error }),
  );
  client.destroy();
  // Sockets close asynchronously after destroy; wait for them, a bounded number of times.
  for (let i = 0; i < 100 && (resources().sockets > before.sockets || resources().timers > before.timers); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const after = resources();
  expect({ sockets: after.sockets <= before.sockets, timers: after.timers <= before.timers }).toEqual({ sockets: true, timers: true });
  return { ...outcome, sleeps: time.sleeps };
}

const times = (n: number, f: (res: http.ServerResponse) => void) => Array(n).fill(f);
const status = (code: number, headers: Record<string, string> = {}) => (res: http.ServerResponse) => json(res, code, {}, headers);

describe("fault suite", () => {
  it.each([500, 502, 503, 504])("succeeds after a burst of two %i answers, in 3 attempts", async (code) => {
    script = times(2, status(code));
    const { output } = await scenario();
    expect(output?.$metadata.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it("fails with the service's error after a burst longer than maxAttempts, in exactly maxAttempts attempts", async () => {
    script = times(10, status(503));
    const { error } = await scenario({ maxAttempts: 4 });
    expect(error.$metadata).toMatchObject({ httpStatusCode: 503, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it("waits out a 429 with Retry-After, then succeeds", async () => {
    script = [status(429, { "retry-after": "2" })];
    const { output, sleeps } = await scenario();
    expect(output?.$metadata.attempts).toBe(2);
    expect(sleeps).toEqual([2000]);
  });

  it("backs off from a 429 without Retry-After on the throttling base (at most 1 s first)", async () => {
    script = [status(429)];
    const { output, sleeps } = await scenario();
    expect(output?.$metadata.attempts).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
  });

  it("retries a connection reset before the response", async () => {
    script = [(res) => res.socket!.destroy()];
    const { output } = await scenario();
    expect(output?.$metadata.attempts).toBe(2);
  });

  it("retries a connection reset in the middle of the body", async () => {
    script = [
      (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"accessToken":"par');
        setTimeout(() => res.socket!.destroy(), 5);
      },
    ];
    const { output } = await scenario();
    expect(output?.accessToken).toBe("at");
    expect(output?.$metadata.attempts).toBe(2);
  });

  it("fails a complete but truncated JSON body at once with InvalidResponseError, not SyntaxError", async () => {
    script = [(res) => json(res, 200, '{"accessToken":"abc","tokenType":"Bea')];
    const { error } = await scenario();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.code).toBe("UnparseableResponse");
    expect(error.$metadata.attempts).toBe(1);
  });

  it("retries an HTML 502 from a proxy, then fails with InvalidResponseError carrying the status and an excerpt", async () => {
    const html = (res: http.ServerResponse) => res.writeHead(502, { "content-type": "text/html" }).end("<html><h1>Bad Gateway</h1></html>");
    script = times(3, html);
    const { error } = await scenario();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect([error.$metadata.httpStatusCode, error.$metadata.attempts, error.excerpt]).toEqual([502, 3, "<html><h1>Bad Gateway</h1></html>"]);
  });

  it("refuses a 10 MB body without reading it all: ResponseTooLarge, not retried, the connection closed", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    script = [(res) => res.writeHead(200, { "content-type": "application/json", "content-length": String(big.length) }).end(big)];
    const { error } = await scenario();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.code).toBe("ResponseTooLarge");
    expect(error.$metadata.attempts).toBe(1);
  });

  it("times out when the headers never come, retries, and closes each abandoned request", async () => {
    script = times(2, () => undefined);
    const { error } = await scenario({ requestTimeout: 60, maxAttempts: 2 });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.$metadata.attempts).toBe(2);
    for (let i = 0; i < 50 && closedEarly.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(closedEarly).toEqual([0, 1]);
  });

  it("retries a refused connection, then fails with NetworkError ECONNREFUSED", async () => {
    const closed = await startServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const { error, sleeps } = await scenario({}, url);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.$metadata.attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it("fails an unresolvable host with NetworkError, retrying only a temporary DNS failure", async () => {
    const { error } = await scenario({}, "http://ssokit-fault-suite.invalid:80");
    expect(error).toBeInstanceOf(NetworkError);
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain(error.code);
    expect(error.$metadata.attempts).toBe(error.code === "ENOTFOUND" ? 1 : 3);
  });
});
