import type * as Sdk from "@ssokit/client-sso-oidc";
import { join } from "node:path";
import { startServer, type TestServer } from "./support/testServer";

// Code that only failures or loggers need is loaded on demand (a chunk of its own in a bundle). These tests make
// each such module fail to load, as a chunk a browser cannot fetch would, and check what the caller then sees.
let server: TestServer;
let status = 200;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    const body = status === 200 ? { accessToken: "at", tokenType: "Bearer", expiresIn: 60 } : { error: status === 400 ? "invalid_grant" : "server_error", error_description: "no" };
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
});
afterAll(() => server.close());

const packages = join(__dirname, "../..");
const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const clock = { now: () => 0, sleep: async () => {} };

/**
 * Loads the client afresh with `module` (a path under packages/) failing to load, and runs `body` with it. A module
 * that a package's index also re-exports is loaded with the index in this unbundled test run, so there the
 * failure comes when its export is first read, which is when the on-demand code path reads it.
 */
async function without(module: string, body: (sdk: typeof Sdk) => Promise<void>, reexported?: string) {
  const path = join(packages, module);
  const failure = () => new TypeError(`Failed to fetch dynamically imported module: ${module}`);
  try {
    await jest.isolateModulesAsync(async () => {
      jest.doMock(path, () => {
        if (!reexported) throw failure();
        return Object.defineProperty({}, reexported, { enumerable: true, get: () => { throw failure(); } });
      });
      await body(await import("@ssokit/client-sso-oidc"));
    });
  } finally {
    jest.dontMock(path);
  }
}

async function attempt(sdk: typeof Sdk, answer: number, extra: object = {}) {
  status = answer;
  const before = server.requests.length;
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock, ...extra });
  const outcome = await client.send(new sdk.CreateTokenCommand(input)).catch((e) => e);
  client.destroy();
  return { outcome, requests: server.requests.length - before };
}

describe("code loaded on demand", () => {
  it("fails a call whose error parser cannot load with NetworkError ModuleLoadError, once; successes need no parser", async () => {
    await without("client-sso-oidc/src/protocol/errorResponse.ts", async (sdk) => {
      expect((await attempt(sdk, 200)).outcome.accessToken).toBe("at");
      const { outcome, requests } = await attempt(sdk, 400);
      expect([outcome.name, outcome.code, outcome.cause?.name, requests]).toEqual(["NetworkError", "ModuleLoadError", "TypeError", 1]);
      expect(outcome.message).toMatch(/^Could not load the error parser \(Failed to fetch dynamically imported module: .*\); check the network and retry\.$/);
    });
  });

  it("throws the attempt's own error, without retry, when the retry classification cannot load", async () => {
    await without(
      "middleware-retry/src/retryErrorInfo.ts",
      async (sdk) => {
        const { outcome, requests } = await attempt(sdk, 500);
        expect([outcome.name, outcome.$metadata.httpStatusCode, outcome.$metadata.attempts, requests]).toEqual(["InternalServerException", 500, 1, 1]);
      },
      "retryErrorInfo",
    );
  });

  it("throws the attempt's own error, without retry, when the back-off decision cannot load", async () => {
    await without("middleware-retry/src/nextRetryToken.ts", async (sdk) => {
      const { outcome, requests } = await attempt(sdk, 500);
      expect([outcome.name, outcome.$metadata.attempts, requests]).toEqual(["InternalServerException", 1, 1]);
    });
    // With it, the same answer is retried: three attempts.
    const { outcome, requests } = await attempt(await import("@ssokit/client-sso-oidc"), 500);
    expect([outcome.name, outcome.$metadata.attempts, requests]).toEqual(["InternalServerException", 3, 3]);
  });

  it("fails a logged call before sending anything when the logging code cannot load", async () => {
    await without("middleware-logger/src/logCall.ts", async (sdk) => {
      const records: unknown[] = [];
      const logger = { debug() {}, info: (r: unknown) => records.push(r), warn() {}, error: (r: unknown) => records.push(r) };
      const { outcome, requests } = await attempt(sdk, 200, { logger });
      expect([outcome.name, outcome.code, requests, records.length]).toEqual(["NetworkError", "ModuleLoadError", 0, 0]);
      expect(outcome.message).toMatch(/^Could not load the logging code/);
      // A client without a logger never needs that code.
      expect((await attempt(sdk, 200)).outcome.accessToken).toBe("at");
    });
  });
});
