import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@ssokit/client-sso-oidc";
import { SSOOIDC } from "@ssokit/client-sso-oidc/v2";
import type http from "node:http";
import { inspect } from "node:util";
import { IAM_KEYS, IAM_SESSION_TOKEN, IAM_TOKENS, REFUSED_ASSERTION, startIamService } from "./support/iamService";
import { startServer, type TestServer } from "./support/testServer";

// The secret-leak test: every operation and every fault scenario, with loggers at their most verbose. No secret,
// whether the caller's or the service's, may appear in a log record, an error's message or stack, or the JSON or
// util.inspect of an error or of an output's $metadata.
const SECRET = {
  clientSecret: "LEAK-client-secret-c0ffee01",
  deviceCode: "LEAK-device-code-c0ffee02",
  code: "LEAK-auth-code-c0ffee03",
  codeVerifier: "LEAK-pkce-verifier-c0ffee04",
  refreshTokenIn: "LEAK-refresh-in-c0ffee05",
  accessToken: "LEAK-access-token-c0ffee06",
  refreshTokenOut: "LEAK-refresh-out-c0ffee07",
  idToken: "LEAK-id-token-c0ffee08",
  registeredSecret: "LEAK-registered-secret-c0ffee09",
  issuedDeviceCode: "LEAK-issued-device-code-c0ffee10",
};
const ALL = Object.values(SECRET);

let server: TestServer;
let answer: (res: http.ServerResponse, body: string) => void;
beforeAll(async () => {
  server = await startServer((req, res) => answer(res, req.body));
});
afterAll(() => server.close());

const captured: string[] = [];
const record = (...args: unknown[]) => captured.push(inspect(args, { depth: 20 }), JSON.stringify(args));
const verbose = { trace: record, debug: record, info: record, warn: record, error: record };
const lineLogger = { log: (line: string) => captured.push(line) };
const clock = { now: () => Date.now(), sleep: async () => {} };

const inputs = {
  token: { clientId: "cid", clientSecret: SECRET.clientSecret, grantType: "authorization_code", deviceCode: SECRET.deviceCode, code: SECRET.code, codeVerifier: SECRET.codeVerifier, refreshToken: SECRET.refreshTokenIn },
  register: { clientName: "n", clientType: "public" },
  start: { clientId: "cid", clientSecret: SECRET.clientSecret, startUrl: "https://d-1.awsapps.com/start" },
};

const successes: Record<string, string> = {
  "/token": JSON.stringify({ accessToken: SECRET.accessToken, refreshToken: SECRET.refreshTokenOut, idToken: SECRET.idToken, tokenType: "Bearer", expiresIn: 60 }),
  "/client/register": JSON.stringify({ clientId: "cid", clientSecret: SECRET.registeredSecret, clientSecretExpiresAt: 1 }),
  "/device_authorization": JSON.stringify({ deviceCode: SECRET.issuedDeviceCode, userCode: "ABCD-EFGH" }),
};

/** Answers that go wrong, each carrying secrets back where it can: echoed in errors, in bodies cut short. */
const faults: Record<string, (res: http.ServerResponse, body: string) => void> = {
  "echo in error_description": (res, body) =>
    res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "InvalidClientException:x" }).end(JSON.stringify({ error: "invalid_client", error_description: `bad request ${body}` })),
  "echo in message, no type": (res, body) => res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ message: body })),
  "echo in an HTML page": (res, body) => res.writeHead(502, { "content-type": "text/html" }).end(`<html><pre>${body}</pre></html>`),
  "500 burst": (res) => res.writeHead(500, { "content-type": "application/json" }).end("{}"),
  "429 with Retry-After": (res) => res.writeHead(429, { "retry-after": "1" }).end(),
  "truncated success body": (res) => res.writeHead(200, { "content-type": "application/json" }).end(successes["/token"].slice(0, 60)),
  "reset mid-body": (res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "999" });
    res.write(successes["/token"].slice(0, 50));
    setTimeout(() => res.socket!.destroy(), 2);
  },
  "reset before answering": (res) => res.socket!.destroy(),
  "wrong member type": (res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accessToken: { token: SECRET.accessToken } })),
  "headers never come": () => undefined,
};

async function exercise(client: Pick<SSOOIDCClient, "send">) {
  const results: unknown[] = [];
  for (const command of [new CreateTokenCommand(inputs.token), new RegisterClientCommand(inputs.register), new StartDeviceAuthorizationCommand(inputs.start)]) {
    const path = command instanceof CreateTokenCommand ? "/token" : command instanceof RegisterClientCommand ? "/client/register" : "/device_authorization";
    answer = (res) => res.writeHead(200, { "content-type": "application/json" }).end(successes[path]);
    results.push((await client.send(command as never) as { $metadata: unknown }).$metadata);
    results.push(command);
    for (const fault of Object.values(faults)) {
      answer = fault;
      results.push(await client.send(command as never).then((o: any) => o.$metadata, (e) => e));
    }
  }
  return results;
}

function assertNoSecret(label: string, text: string) {
  for (const secret of ALL) if (text.includes(secret)) throw new Error(`${label} leaks ${secret}`);
}

describe("secrets", () => {
  it("never appear in logs, error messages and stacks, or the JSON and inspect of errors and metadata", async () => {
    const clients = [
      new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger: verbose, requestTimeout: 30, clock }),
      new SSOOIDC({ region: "us-east-1", endpoint: server.url, logger: lineLogger, httpOptions: { timeout: 30 }, clock, paramValidation: false }),
    ];
    const results: unknown[] = [];
    for (const client of clients) results.push(...(await exercise(client)));
    for (const client of clients) client.destroy();
    // Every fault produced an error (but "wrong member type", which only CreateToken's output has), per client.
    const errors = results.filter((r) => r instanceof Error) as Error[];
    expect(errors.length).toBe(2 * (3 * Object.keys(faults).length - 2));
    for (const e of errors) {
      assertNoSecret(`${e.name} message`, e.message);
      assertNoSecret(`${e.name} stack`, String(e.stack));
      assertNoSecret(`${e.name} JSON`, JSON.stringify(e));
      assertNoSecret(`${e.name} inspect`, inspect(e, { depth: 20 }));
    }
    for (const r of results.filter((r) => !(r instanceof Error))) {
      assertNoSecret("metadata or command JSON", JSON.stringify(r));
      assertNoSecret("metadata or command inspect", inspect(r, { depth: 20 }));
    }
    // One record per call: 33 calls per client, a structured record kept twice (inspect and JSON), a v2 line once.
    expect(captured.length).toBe(33 * 2 + 33);
    for (const line of captured) assertNoSecret("log record", line);
    // And the masking did happen where the values were: the records name the members.
    expect(captured.join("\n")).toContain('"clientSecret":"***SensitiveInformation***"');
  });
});

describe("secrets of the v2 client's signed calls", () => {
  it("never appear in its log lines, its errors, or the printed client and config: AWS keys, session token, assertion, tokens", async () => {
    const iam = await startIamService();
    const secrets = [IAM_KEYS.primary.secretAccessKey, IAM_SESSION_TOKEN, "LEAK-assertion-c0ffee11", IAM_TOKENS.accessToken, IAM_TOKENS.refreshToken, IAM_TOKENS.idToken];
    const lines: string[] = [];
    const logger = { log: (line: string) => lines.push(line) };
    const exchange = { clientId: "arn:aws:sso::123456789012:application/ssoins-1/apl-1", grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: secrets[2] };
    const make = (options: object) => new SSOOIDC({ region: "us-east-1", endpoint: iam.url, logger, maxRetries: 1, ...options });
    const keys = make({ ...IAM_KEYS.primary, sessionToken: IAM_SESSION_TOKEN });
    const wrongKey = make({ accessKeyId: IAM_KEYS.primary.accessKeyId, secretAccessKey: `${IAM_KEYS.primary.secretAccessKey}-wrong` });
    const noSecret = make({ credentials: { accessKeyId: IAM_KEYS.primary.accessKeyId, sessionToken: IAM_SESSION_TOKEN } });
    const outcomes: unknown[] = [];
    const call = (client: SSOOIDC, params: object = exchange) => client.createTokenWithIAM(params as never).promise().then((data) => data.$response, (e) => e);
    outcomes.push(await call(keys));
    outcomes.push(await call(keys, { ...exchange, assertion: REFUSED_ASSERTION, refreshToken: secrets[4] }));
    iam.expiredKeys.add(IAM_KEYS.primary.accessKeyId);
    outcomes.push(await call(keys));
    iam.expiredKeys.clear();
    outcomes.push(await call(wrongKey), await call(noSecret));
    const printed = [...lines, ...[keys, wrongKey, noSecret].flatMap((c) => [inspect(c, { depth: 10 }), JSON.stringify(c.config)])];
    for (const o of outcomes) printed.push(inspect(o, { depth: 10 }), ...(o instanceof Error ? [o.message, String(o.stack), JSON.stringify(o)] : []));
    [keys, wrongKey, noSecret].forEach((c) => c.destroy());
    await iam.close();
    // Every call was made and logged, and the errors are the ones expected.
    expect(lines).toHaveLength(5);
    expect(outcomes.map((o: any) => o.code ?? "tokens")).toEqual(["tokens", "InvalidGrantException", "ExpiredTokenException", "InvalidSignatureException", "CredentialsError"]);
    for (const text of printed) for (const secret of secrets) if (text.includes(secret)) throw new Error(`leaks ${secret}: ${text.slice(0, 200)}`);
  });
});
