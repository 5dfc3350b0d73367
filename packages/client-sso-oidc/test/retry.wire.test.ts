import {
  AbortError,
  CreateTokenCommand,
  InternalServerException,
  NetworkError,
  SSOOIDCClient,
  TimeoutError,
} from "@ssokit/client-sso-oidc";
import { StandardRetryStrategy } from "@ssokit/middleware-retry";
import type http from "node:http";
import { errorType, json, startServer, type TestServer } from "./support/testServer";
import { fakeClock } from "../../core/test/support/fakeClock";

let server: TestServer;
let script: ((res: http.ServerResponse, i: number) => void)[] = [];
const ok = (res: http.ServerResponse) => json(res, 200, { accessToken: "at", tokenType: "Bearer", expiresIn: 60 });
const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

beforeAll(async () => {
  server = await startServer((_req, res, i) => (script[i] ?? ok)(res, i));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.splice(0);
  script = [];
});

function makeClient(extra: Record<string, unknown> = {}) {
  const time = fakeClock();
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock: time.clock, ...extra });
  return { client, time };
}

describe("retryMiddleware", () => {
  it("returns the output after retrying a 500, with attempts and totalRetryDelay in $metadata", async () => {
    script = [(res) => json(res, 500, { error: "server_error" }, errorType("InternalServerException")), (res) => json(res, 503, {})];
    const { client, time } = makeClient();
    const out = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(server.requests).toHaveLength(3);
    expect(out.$metadata.attempts).toBe(3);
    expect(time.sleeps).toHaveLength(2);
    expect(out.$metadata.totalRetryDelay).toBe(time.sleeps[0] + time.sleeps[1]);
    expect(time.sleeps[0]).toBeLessThanOrEqual(100);
    expect(time.sleeps[1]).toBeLessThanOrEqual(200);
    expect(server.requests.map((r) => r.headers["amz-sdk-request"])).toEqual(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
    const ids = new Set(server.requests.map((r) => r.headers["amz-sdk-invocation-id"]));
    expect(ids.size).toBe(1);
  });

  it("throws the last error after maxAttempts, with the attempt count", async () => {
    script = Array(5).fill((res: http.ServerResponse) => json(res, 500, { error: "server_error" }, errorType("InternalServerException")));
    const { client } = makeClient({ maxAttempts: 2 });
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(InternalServerException);
    expect(e.$metadata.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("retries 429 with the throttling back-off (base 1 s)", async () => {
    script = [(res) => json(res, 429, { message: "Too Many Requests" })];
    const { client, time } = makeClient({ retryStrategy: new StandardRetryStrategy(3, { random: () => 0.99, now: () => 0 }) });
    const out = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(out.$metadata.attempts).toBe(2);
    expect(time.sleeps).toEqual([990]);
  });

  it("honours Retry-After in seconds on a 429", async () => {
    script = [(res) => json(res, 429, {}, { "retry-after": "3" })];
    const { client, time } = makeClient();
    const out = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(time.sleeps).toEqual([3000]);
    expect(out.$metadata.totalRetryDelay).toBe(3000);
  });

  it("honours Retry-After as an HTTP date on a 503, measured on the injected clock", async () => {
    const { client, time } = makeClient();
    const at = new Date(time.clock.now() + 7000).toUTCString();
    script = [(res) => json(res, 503, {}, { "retry-after": at })];
    await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(time.sleeps).toEqual([7000]);
  });

  it("caps a Retry-After beyond 20 s at 20 s, so a bad header cannot stall the client", async () => {
    script = [(res) => json(res, 429, {}, { "retry-after": "86400" })];
    const { client, time } = makeClient();
    await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(time.sleeps).toEqual([20000]);
  });

  it("retries a connection reset before the response", async () => {
    script = [(res) => res.socket!.destroy()];
    const { client } = makeClient();
    const out = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(out.accessToken).toBe("at");
    expect(out.$metadata.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a connection reset in the middle of the body", async () => {
    script = [
      (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
        res.write('{"accessToken":"partial');
        setTimeout(() => res.socket!.destroy(), 5);
      },
    ];
    const { client } = makeClient();
    const out = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(out.$metadata.attempts).toBe(2);
  });

  it("throws NetworkError ECONNRESET after every attempt is reset", async () => {
    script = Array(3).fill((res: http.ServerResponse) => res.socket!.destroy());
    const { client } = makeClient();
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.code).toBe("ECONNRESET");
    expect(e.$metadata.attempts).toBe(3);
  });

  it("does not retry a 400, nor AuthorizationPending or SlowDown, which belong to the poller", async () => {
    for (const name of ["InvalidGrantException", "AuthorizationPendingException", "SlowDownException"]) {
      server.requests.splice(0);
      script = [(res) => json(res, 400, {}, errorType(name))];
      const { client, time } = makeClient();
      const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
      client.destroy();
      expect(e.name).toBe(name);
      expect(e.$metadata.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
      expect(time.sleeps).toEqual([]);
    }
  });

  it("makes one attempt when maxAttempts is 1", async () => {
    script = [(res) => json(res, 500, {})];
    const { client } = makeClient({ maxAttempts: 1 });
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e.$metadata.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("stops retrying when the retry quota runs out", async () => {
    const strategy = new StandardRetryStrategy(3, { random: () => 0 });
    script = Array(300).fill((res: http.ServerResponse) => json(res, 500, {}));
    const { client } = makeClient({ retryStrategy: strategy });
    // 500 tokens at 5 per retry: 100 retries, then none.
    let retries = 0;
    for (let i = 0; i < 60; i++) {
      const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
      retries += e.$metadata.attempts - 1;
    }
    client.destroy();
    expect(retries).toBe(100);
    expect(strategy.availableCapacity).toBe(0);
  });
});

describe("abort", () => {
  it("throws AbortError at once when the signal is already aborted, sending nothing", async () => {
    const { client } = makeClient();
    const e = await client.send(new CreateTokenCommand(input), { abortSignal: AbortSignal.abort() }).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("throws AbortError when the signal aborts while the request is in flight, without retrying", async () => {
    script = [() => undefined];
    const { client } = makeClient();
    const controller = new AbortController();
    const pending = client.send(new CreateTokenCommand(input), { abortSignal: controller.signal }).catch((x) => x);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 2));
    controller.abort();
    const e = await pending;
    client.destroy();
    expect(e).toBeInstanceOf(AbortError);
    expect(e.code).toBe("RequestAborted");
    expect(e.$metadata.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("throws AbortError when the signal aborts during the back-off", async () => {
    script = [(res) => json(res, 500, {})];
    const controller = new AbortController();
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      clock: {
        now: () => 0,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal!.addEventListener("abort", () => reject(new AbortError()));
            controller.abort();
          }),
      },
    });
    const e = await client.send(new CreateTokenCommand(input), { abortSignal: controller.signal }).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("client.destroy()", () => {
  it("ends a call in flight with AbortError at its next attempt, sending nothing on a new connection", async () => {
    script = [() => undefined];
    const { client } = makeClient({ requestTimeout: 10_000 });
    const pending = client.send(new CreateTokenCommand(input)).catch((x) => x);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 2));
    client.destroy();
    const e = await pending;
    expect([e.name, e.code, e.message, e.$metadata.attempts]).toEqual(["AbortError", "RequestAborted", "client.destroy() was called.", 2]);
    expect(server.requests).toHaveLength(1);
    const later = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    expect([later.name, server.requests.length]).toEqual(["AbortError", 1]);
  });
});

describe("requestTimeout", () => {
  it("fails the attempt with TimeoutError when the headers never come, and retries it", async () => {
    script = [() => undefined, () => undefined];
    const { client } = makeClient({ requestTimeout: 50, maxAttempts: 2 });
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.code).toBe("RequestTimeout");
    expect(e.message).toContain("requestTimeout (50 ms)");
    expect(e.$metadata.attempts).toBe(2);
  });

  it("takes requestTimeout from requestHandler options, as v3 does", async () => {
    script = [() => undefined];
    const { client } = makeClient({ requestHandler: { requestTimeout: 40 }, maxAttempts: 1 });
    expect(client.config.requestTimeout).toBe(40);
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(TimeoutError);
  });

  it("covers a body that stalls after the headers", async () => {
    script = [
      (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write("{");
      },
    ];
    const { client } = makeClient({ requestTimeout: 60, maxAttempts: 1 });
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(TimeoutError);
  });
});

describe("adaptive retry mode", () => {
  it("retries throttling and engages the client-side rate limiter", async () => {
    script = [(res) => json(res, 429, {}), (res) => json(res, 429, {})];
    const { client } = makeClient({ retryMode: "adaptive" });
    const out = await client.send(new CreateTokenCommand(input));
    const strategy: any = await client.config.retryStrategy();
    client.destroy();
    expect(out.$metadata.attempts).toBe(3);
    expect(strategy.mode).toBe("adaptive");
    expect(strategy.rateLimiter.isEnabled).toBe(true);
  });
});
