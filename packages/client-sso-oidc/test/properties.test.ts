import * as sdk from "@ssokit/client-sso-oidc";
import { SSOOIDC as SSOOIDCv2 } from "@ssokit/client-sso-oidc/v2";
import { InvalidResponseError, SdkError, ServiceException, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import fc from "fast-check";
import type http from "node:http";
import { startServer, type TestServer } from "./support/testServer";

// Property-based tests: whatever the service (or something in its place) answers, and whatever a caller passes,
// the only outcomes are a valid output or one of this SDK's typed errors. Never a SyntaxError, a TypeError, a
// crash or a hang. Each property runs a bounded number of cases against a real local server.
let server: TestServer;
let respond: (res: http.ServerResponse) => void = (res) => res.end();

beforeAll(async () => {
  server = await startServer((_req, res) => respond(res));
});
afterAll(() => server.close());

const clock = { now: () => 0, sleep: async () => {} };
const typed = (e: unknown) => e instanceof SdkError || e instanceof ServiceException;
const COMMANDS = [sdk.CreateTokenCommand, sdk.RegisterClientCommand, sdk.StartDeviceAuthorizationCommand] as const;

// Header values a server can send: visible ASCII and spaces, no line breaks.
const headerValue = fc.string({ unit: fc.constantFrom(..." abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:#._-/".split("")), maxLength: 60 });
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
const errorish = fc.record(
  {
    error: fc.oneof(fc.constantFrom("authorization_pending", "slow_down", "invalid_grant", "server_error", "constructor", "__proto__"), fc.string()),
    error_description: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    __type: fc.oneof(headerValue, fc.constant("com.amazonaws.ssooidc#SlowDownException")),
    code: fc.oneof(fc.string(), fc.integer()),
    accessToken: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string()), fc.object()),
    expiresIn: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.boolean()),
    scopes: fc.oneof(fc.array(fc.string()), fc.array(fc.integer()), fc.string()),
  },
  { requiredKeys: [] },
).map((v) => JSON.stringify(v));
const body = fc.oneof(json, errorish, fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)));
const answer = fc.record({
  status: fc.integer({ min: 200, max: 599 }),
  errorType: fc.option(fc.oneof(headerValue, fc.constantFrom("SlowDownException:http://x", "InvalidGrantException", "UnknownThing:")), { nil: undefined }),
  contentType: fc.constantFrom("application/json", "text/html", "text/plain", "application/octet-stream"),
  body,
  command: fc.constantFrom(0, 1, 2),
});

describe("response parsing (property)", () => {
  it("gives a valid output or a typed error for any status, headers and body", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 2, clock });
    await fc.assert(
      fc.asyncProperty(answer, async ({ status, errorType, contentType, body, command }) => {
        respond = (res) => {
          const headers: Record<string, string> = { "content-type": contentType };
          if (errorType !== undefined) headers["x-amzn-errortype"] = errorType;
          res.writeHead(status, headers).end(body);
        };
        const Command = COMMANDS[command];
        try {
          const output: any = await client.send(new Command({ clientId: "c", clientSecret: "s", grantType: "g", clientName: "n", clientType: "public", startUrl: "https://x" } as never) as never);
          expect(status >= 200 && status < 300).toBe(true);
          expect(output.$metadata.httpStatusCode).toBe(status);
          for (const [key, value] of Object.entries(output)) {
            if (key === "$metadata") continue;
            expect(["string", "number", "object"]).toContain(typeof value);
          }
        } catch (e: any) {
          if (!typed(e)) throw new Error(`untyped error: ${e?.name}: ${e?.message}`);
          expect(e.$metadata.httpStatusCode).toBe(status);
          if (status < 300) expect(e).toBeInstanceOf(InvalidResponseError);
        }
      }),
      { numRuns: 300 },
    );
    client.destroy();
  });
});

describe("request building (property)", () => {
  const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(), fc.array(fc.string()), fc.object(), fc.func(fc.string()));
  const inputs = fc.oneof(
    fc.dictionary(fc.constantFrom("clientId", "clientSecret", "grantType", "deviceCode", "scope", "clientName", "scopes", "startUrl", "__proto__", "constructor", "extra"), anyValue),
    fc.constant(undefined),
    fc.constant(null),
    fc.string(),
  );

  it("sends or refuses with a typed error, whatever the input", async () => {
    respond = (res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1, clock, logger: { info: () => {}, error: () => {}, warn: () => {}, debug: () => {} } });
    await fc.assert(
      fc.asyncProperty(inputs, fc.constantFrom(0, 1, 2), async (input, command) => {
        const Command = COMMANDS[command];
        const cmd = new Command(input as never);
        // Logging and inspecting a command never throw either.
        expect(typeof JSON.stringify(cmd)).toBe("string");
        try {
          const output: any = await client.send(cmd as never);
          expect(output.$metadata.httpStatusCode).toBe(200);
        } catch (e: any) {
          if (!typed(e)) throw new Error(`untyped error: ${e?.name}: ${e?.message}`);
        }
      }),
      { numRuns: 300 },
    );
    client.destroy();
  });

  it("validates any input with the v2 client: a ValidationError listing problems, or a request", async () => {
    respond = (res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
    const v2 = new SSOOIDCv2({ region: "us-east-1", endpoint: server.url, maxRetries: 0, clock });
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        try {
          await v2.createToken(input as never).promise();
        } catch (e: any) {
          if (!typed(e)) throw new Error(`untyped error: ${e?.name}: ${e?.message}`);
          if (e instanceof sdk.ValidationError) expect(e.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
    v2.destroy();
  });
});
