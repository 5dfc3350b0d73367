import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  InvalidGrantException,
  InvalidRequestRegionException,
  SSOOIDC,
  SSOOIDCClient,
  type CreateTokenWithIAMCommandInput,
} from "@ssokit/client-sso-oidc";
import { CreateTokenWithIAMCommand as OfficialCommand, SSOOIDCClient as OfficialClient } from "@aws-sdk/client-sso-oidc";
import { createHash } from "node:crypto";
import type http from "node:http";
import { inspect } from "node:util";
import { parseAuthorization, referenceSignature } from "./support/sigv4Reference";
import { json, startServer, type TestServer } from "./support/testServer";

const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-token-abc123" };
const APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const input: CreateTokenWithIAMCommandInput = { clientId: APP, grantType: JWT_BEARER, assertion: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl" };
const TOKENS = {
  accessToken: "at-issued",
  tokenType: "Bearer",
  expiresIn: 3600,
  refreshToken: "rt-issued",
  idToken: "id.token.value",
  issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
  scope: ["openid", "aws", "sts:identity_context"],
  awsAdditionalDetails: { identityContext: "EXAMPLEIDENTITYCONTEXT" },
};

let server: TestServer;
let answer: (req: { headers: http.IncomingHttpHeaders }, res: http.ServerResponse, i: number) => void;

beforeAll(async () => {
  server = await startServer((req, res, i) => answer(req, res, i));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.splice(0);
  answer = (_req, res) => json(res, 200, TOKENS);
});
afterEach(() => jest.restoreAllMocks());

const newClient = (config: object = {}) => new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: KEYS, ...config });

describe("the SigV4 reference the tests check signatures with", () => {
  it("reproduces the AWS test suite's get-vanilla and post-vanilla signatures", () => {
    const keys = { secretAccessKey: KEYS.secretAccessKey, region: "us-east-1", service: "service" };
    const headers = { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" };
    const signature = (method: string) => referenceSignature({ method, path: "/", query: {}, headers, body: "" }, ["host", "x-amz-date"], keys);
    expect(signature("GET")).toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    expect(signature("POST")).toBe("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  });
});

describe("CreateTokenWithIAMCommand", () => {
  it("POSTs the model's members to /token?aws_iam=t and reads every output member", async () => {
    const client = newClient();
    const full: CreateTokenWithIAMCommandInput = {
      clientId: APP,
      grantType: "urn:ietf:params:oauth:grant-type:token-exchange",
      code: "c",
      refreshToken: "r",
      assertion: "a",
      scope: ["openid"],
      redirectUri: "https://app.example/cb",
      subjectToken: "st",
      subjectTokenType: "urn:ietf:params:oauth:token-type:id_token",
      requestedTokenType: "urn:ietf:params:oauth:token-type:access_token",
      codeVerifier: "v",
    };
    const output = await client.send(new CreateTokenWithIAMCommand({ ...full, extra: 1 } as CreateTokenWithIAMCommandInput));
    client.destroy();
    const [request] = server.requests;
    expect([request.method, request.url, request.headers["content-type"]]).toEqual(["POST", "/token?aws_iam=t", "application/json"]);
    expect(JSON.parse(request.body)).toEqual(full);
    expect(output).toEqual({ ...TOKENS, $metadata: expect.objectContaining({ httpStatusCode: 200, attempts: 1 }) });
  });

  it("signs what it sends, header by header, as an independent SigV4 computes it (fixed keys, date and body)", async () => {
    jest.spyOn(Date, "now").mockReturnValue(Date.UTC(2026, 10, 27, 12, 34, 56));
    const client = newClient();
    await client.send(new CreateTokenWithIAMCommand(input));
    client.destroy();
    const [request] = server.requests;
    const headers = request.headers as Record<string, string>;
    const authorization = parseAuthorization(headers.authorization);
    expect(authorization).toMatchObject({ accessKeyId: "AKIDEXAMPLE", day: "20261127", region: "us-east-1", service: "sso-oauth" });
    // The same headers v3 signs for this operation.
    expect(authorization.signedHeaders).toEqual([
      "amz-sdk-invocation-id",
      "amz-sdk-request",
      "content-length",
      "content-type",
      "host",
      "x-amz-content-sha256",
      "x-amz-date",
      "x-amz-security-token",
      "x-amz-user-agent",
    ]);
    expect(headers["x-amz-date"]).toBe("20261127T123456Z");
    expect(headers["x-amz-security-token"]).toBe(KEYS.sessionToken);
    expect(headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(request.body).digest("hex"));
    expect(headers.host).toBe(new URL(server.url).host);
    const [path, query] = request.url.split("?");
    const expected = referenceSignature(
      { method: "POST", path, query: Object.fromEntries(new URLSearchParams(query)), headers, body: request.body },
      authorization.signedHeaders,
      { secretAccessKey: KEYS.secretAccessKey, region: "us-east-1", service: "sso-oauth" },
    );
    expect(authorization.signature).toBe(expected);
  });

  it("signs each attempt afresh, and leaves the three other operations unsigned", async () => {
    answer = (_req, res, i) => (i === 0 ? json(res, 500, { error: "server_error" }) : json(res, 200, TOKENS));
    const client = newClient();
    await client.send(new CreateTokenWithIAMCommand(input));
    await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
    client.destroy();
    const [first, second, unsigned] = server.requests;
    expect([first.headers["amz-sdk-request"], second.headers["amz-sdk-request"]]).toEqual(["attempt=1; max=3", "attempt=2; max=3"]);
    expect(parseAuthorization(second.headers.authorization as string).signature).not.toBe(parseAuthorization(first.headers.authorization as string).signature);
    expect([unsigned.url, unsigned.headers.authorization, unsigned.headers["x-amz-date"]]).toEqual(["/token", undefined, undefined]);
  });

  it("corrects the clock from the service's Date when a signed call fails for a skewed clock, and retries once", async () => {
    const serviceTime = Date.now() + 3_600_000;
    // A service whose clock is an hour ahead of this machine's, on every answer.
    const date = () => new Date(serviceTime + (Date.now() - start)).toUTCString();
    const start = Date.now();
    answer = (_req, res, i) =>
      i === 0
        ? json(res, 403, { error: "invalid_request", error_description: "Signature expired" }, { "x-amzn-errortype": "InvalidSignatureException", date: date() })
        : json(res, 200, TOKENS, { date: date() });
    const client = newClient();
    const output = await client.send(new CreateTokenWithIAMCommand(input));
    client.destroy();
    const dates = server.requests.map((r) => Date.parse((r.headers["x-amz-date"] as string).replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, "$1-$2-$3T$4:$5:$6Z")));
    expect(output.$metadata.attempts).toBe(2);
    expect(Math.abs(dates[1] - dates[0] - 3_600_000)).toBeLessThan(5_000);
    expect(Math.abs(client.config.systemClockOffset! - 3_600_000)).toBeLessThan(5_000);
  });

  it("does not retry a failure whose Date is in step, and keeps the offset with disableClockSkewCorrection", async () => {
    answer = (_req, res) => json(res, 400, { error: "invalid_grant" }, { "x-amzn-errortype": "InvalidGrantException", date: new Date(Date.now() - 3_600_000).toUTCString() });
    const client = newClient({ disableClockSkewCorrection: true });
    const error = await client.send(new CreateTokenWithIAMCommand(input)).catch((e) => e);
    client.destroy();
    expect([error instanceof InvalidGrantException, error.$metadata.attempts, error.$metadata.clockSkewCorrected, client.config.systemClockOffset]).toEqual([true, 1, undefined, undefined]);
    answer = (_req, res) => json(res, 400, { error: "invalid_grant" }, { "x-amzn-errortype": "InvalidGrantException", date: new Date().toUTCString() });
    const inStep = newClient();
    const second = await inStep.send(new CreateTokenWithIAMCommand(input)).catch((e) => e);
    inStep.destroy();
    expect([second.name, second.$metadata.attempts]).toEqual(["InvalidGrantException", 1]);
  });

  it("throws InvalidRequestRegionException with the endpoint and region the service names", async () => {
    answer = (_req, res) =>
      json(
        res,
        400,
        { error: "invalid_request", error_description: "wrong region", endpoint: "https://oidc.eu-west-1.amazonaws.com", region: "eu-west-1" },
        { "x-amzn-errortype": "InvalidRequestRegionException" },
      );
    const client = newClient();
    const error = await client.send(new CreateTokenWithIAMCommand(input)).catch((e) => e);
    client.destroy();
    expect(error).toBeInstanceOf(InvalidRequestRegionException);
    expect([error.endpoint, error.region, error.error, error.$fault]).toEqual(["https://oidc.eu-west-1.amazonaws.com", "eu-west-1", "invalid_request", "client"]);
    expect(Object.keys(error)).toEqual(["$fault", "$retryable", "$metadata", "name", "error", "error_description", "endpoint", "region", "message"]);
  });

  it("fails without a region with a ConfigurationError before anything is sent", async () => {
    const client = new SSOOIDCClient({ endpoint: server.url, credentials: KEYS, maxAttempts: 1 });
    const error = await client.send(new CreateTokenWithIAMCommand(input)).catch((e) => e);
    client.destroy();
    expect([error.name, error.code]).toEqual(["ConfigurationError", "MissingRegion"]);
    expect(server.requests).toHaveLength(0);
  });

  it("is a method of the aggregated SSOOIDC", async () => {
    const oidc = new SSOOIDC({ region: "us-east-1", endpoint: server.url, credentials: KEYS });
    const output = await oidc.createTokenWithIAM(input);
    oidc.destroy();
    expect([output.accessToken, server.requests[0].url]).toEqual(["at-issued", "/token?aws_iam=t"]);
  });

  it("keeps the assertion, tokens, the secret key and the session token out of logs, JSON, inspect and errors", async () => {
    const records: unknown[] = [];
    const logger = { debug() {}, trace() {}, warn: (r: unknown) => records.push(r), info: (r: unknown) => records.push(r), error: (r: unknown) => records.push(r) };
    const secrets = { ...input, code: "secret-auth-code", codeVerifier: "secret-verifier", refreshToken: "secret-refresh", subjectToken: "secret-subject" };
    answer = (_req, res, i) =>
      i === 0 ? json(res, 200, TOKENS) : json(res, 400, { error: "invalid_grant", error_description: `bad assertion ${input.assertion} and code secret-auth-code` }, { "x-amzn-errortype": "InvalidGrantException" });
    const client = newClient({ logger });
    const command = new CreateTokenWithIAMCommand(secrets);
    await client.send(command);
    const error = await client.send(new CreateTokenWithIAMCommand(secrets)).catch((e) => e);
    client.destroy();
    const printed = [JSON.stringify(records), inspect(records, { depth: 10 }), JSON.stringify(command), inspect(command), JSON.stringify(error), inspect(error), String(error), error.stack].join("\n");
    for (const secret of [input.assertion!, "secret-auth-code", "secret-verifier", "secret-refresh", "secret-subject", TOKENS.accessToken, TOKENS.refreshToken, TOKENS.idToken, KEYS.secretAccessKey, KEYS.sessionToken]) {
      expect([secret, printed.includes(secret)]).toEqual([secret, false]);
    }
    expect(records).toHaveLength(2);
  });
});

describe("CreateTokenWithIAMCommand beside @aws-sdk/client-sso-oidc", () => {
  it("sends the same request line, body and signed header names; both sign for sso-oauth in the client's region", async () => {
    for (const [Client, Command] of [
      [OfficialClient, OfficialCommand],
      [SSOOIDCClient, CreateTokenWithIAMCommand],
    ] as const) {
      const client = new (Client as any)({ region: "eu-west-1", endpoint: server.url, credentials: KEYS });
      await client.send(new (Command as any)(input));
      client.destroy();
    }
    const [official, ours] = server.requests.map((r) => ({ line: `${r.method} ${r.url}`, body: JSON.parse(r.body), authorization: { ...parseAuthorization(r.headers.authorization as string), signature: "" } }));
    expect(ours).toEqual(official);
    expect(ours.authorization).toMatchObject({ region: "eu-west-1", service: "sso-oauth" });
  });
});
