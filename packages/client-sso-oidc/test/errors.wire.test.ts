import * as sdk from "@ssokit/client-sso-oidc";
import {
  CreateTokenCommand,
  InvalidResponseError,
  SSOOIDCClient,
  SSOOIDCServiceException,
  ServiceException,
} from "@ssokit/client-sso-oidc";
import type http from "node:http";
import { errorType, json, startServer, type TestServer } from "./support/testServer";

/** Every exception the three operations can raise, with the model's HTTP status, fault and OAuth code. */
const EXCEPTIONS: [name: string, status: number, fault: "client" | "server", oauth: string][] = [
  ["AccessDeniedException", 400, "client", "access_denied"],
  ["AuthorizationPendingException", 400, "client", "authorization_pending"],
  ["ExpiredTokenException", 400, "client", "expired_token"],
  ["InternalServerException", 500, "server", "server_error"],
  ["InvalidClientException", 401, "client", "invalid_client"],
  ["InvalidClientMetadataException", 400, "client", "invalid_client_metadata"],
  ["InvalidGrantException", 400, "client", "invalid_grant"],
  ["InvalidRedirectUriException", 400, "client", "invalid_redirect_uri"],
  ["InvalidRequestException", 400, "client", "invalid_request"],
  ["InvalidScopeException", 400, "client", "invalid_scope"],
  ["SlowDownException", 400, "client", "slow_down"],
  ["UnauthorizedClientException", 400, "client", "unauthorized_client"],
  ["UnsupportedGrantTypeException", 400, "client", "unsupported_grant_type"],
];

let server: TestServer;
let client: SSOOIDCClient;
let respond: (res: http.ServerResponse) => void;
const SECRET = "s3cr3t-client-secret";
const DEVICE = "device-code-value";
const input = { clientId: "cid", clientSecret: SECRET, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: DEVICE };

beforeAll(async () => {
  server = await startServer((_req, res) => respond(res));
  // One attempt: these tests are about the error shape, not retries.
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

async function failure(): Promise<any> {
  try {
    await client.send(new CreateTokenCommand(input));
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

describe("exception classes", () => {
  it("exports 13 modeled exceptions for the three operations, each extending SSOOIDCServiceException", () => {
    for (const [name] of EXCEPTIONS) {
      const Cls = (sdk as any)[name];
      expect(typeof Cls).toBe("function");
      const e = new Cls({ $metadata: {}, message: "m" });
      expect(e).toBeInstanceOf(SSOOIDCServiceException);
      expect(e).toBeInstanceOf(ServiceException);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(name);
      expect((sdk as any)[`is${name}`](e)).toBe(true);
      expect((sdk as any)[`is${name}`]({ name: "Other" })).toBe(false);
    }
    expect(EXCEPTIONS).toHaveLength(13);
  });
});

describe.each(EXCEPTIONS)("%s", (name, status, fault, oauth) => {
  it("is thrown when x-amzn-ErrorType names it", async () => {
    respond = (res) => json(res, status, { error: oauth, error_description: `described ${name}` }, { ...errorType(name), "x-amzn-requestid": "rid-1" });
    const e = await failure();
    expect(e).toBeInstanceOf((sdk as any)[name]);
    expect(e.name).toBe(name);
    expect(e.$fault).toBe(fault);
    expect(e.message).toBe(`described ${name}`);
    expect(e.error).toBe(oauth);
    expect(e.error_description).toBe(`described ${name}`);
    expect(e.$metadata).toEqual({ httpStatusCode: status, requestId: "rid-1", attempts: 1, totalRetryDelay: 0 });
  });

  it("is thrown when only the body's __type names it", async () => {
    respond = (res) => json(res, status, { __type: `com.amazonaws.ssooidc#${name}`, error_description: "by type" });
    const e = await failure();
    expect(e).toBeInstanceOf((sdk as any)[name]);
    expect(e.message).toBe("by type");
  });

  it("is thrown when only the OAuth error field names it", async () => {
    respond = (res) => json(res, status, { error: oauth, error_description: "oauth only" });
    const e = await failure();
    expect(e).toBeInstanceOf((sdk as any)[name]);
    expect(e.name).toBe(name);
    expect(e.error).toBe(oauth);
  });
});

describe("error name resolution", () => {
  it("prefers x-amzn-ErrorType over __type, __type over code, code over the OAuth error", async () => {
    respond = (res) => json(res, 400, { __type: "x#InvalidGrantException", code: "InvalidScopeException", error: "slow_down" }, errorType("ExpiredTokenException"));
    expect((await failure()).name).toBe("ExpiredTokenException");
    respond = (res) => json(res, 400, { __type: "x#InvalidGrantException", code: "InvalidScopeException", error: "slow_down" });
    expect((await failure()).name).toBe("InvalidGrantException");
    respond = (res) => json(res, 400, { code: "InvalidScopeException", error: "slow_down" });
    expect((await failure()).name).toBe("InvalidScopeException");
  });

  it("keeps reason on AccessDeniedException and InvalidRequestException", async () => {
    respond = (res) => json(res, 400, { error: "access_denied", reason: "KMS_AccessDeniedException" });
    expect((await failure()).reason).toBe("KMS_AccessDeniedException");
    respond = (res) => json(res, 400, { error: "invalid_request", reason: "KMS_DisabledException" });
    expect((await failure()).reason).toBe("KMS_DisabledException");
  });

  it("throws an SSOOIDCServiceException named after an unknown code", async () => {
    respond = (res) => json(res, 418, { code: "TeapotException", message: "short and stout" });
    const e = await failure();
    expect(e.constructor).toBe(SSOOIDCServiceException);
    expect(e.name).toBe("TeapotException");
    expect(e.message).toBe("short and stout");
    expect(e.$fault).toBe("client");
  });

  it("throws UnknownError with the status in its message when nothing names the error", async () => {
    respond = (res) => json(res, 503, {});
    const e = await failure();
    expect(e).toBeInstanceOf(SSOOIDCServiceException);
    expect(e.name).toBe("UnknownError");
    expect(e.$fault).toBe("server");
    expect(e.message).toBe("UnknownError: the service answered HTTP 503 without a description.");
  });

  it("ignores __proto__ and constructor as error codes", async () => {
    respond = (res) => json(res, 400, { code: "constructor" });
    const e = await failure();
    expect(e.constructor).toBe(SSOOIDCServiceException);
    expect(e.name).toBe("constructor");
  });

  it("keeps the raw response off the enumerable properties", async () => {
    respond = (res) => json(res, 400, { error: "invalid_grant" });
    const e = await failure();
    expect(e.$response.statusCode).toBe(400);
    expect(Object.keys(e)).not.toContain("$response");
    expect(JSON.stringify(e)).not.toContain("statusCode");
  });
});

describe("bodies that are not JSON", () => {
  it("throws InvalidResponseError with the status and an excerpt for an HTML 502", async () => {
    respond = (res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    };
    const e = await failure();
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.code).toBe("UnparseableResponse");
    expect(e.$fault).toBe("server");
    expect(e.$metadata.httpStatusCode).toBe(502);
    expect(e.excerpt).toBe("<html><body><h1>502 Bad Gateway</h1></body></html>");
    expect(e.message).toContain("HTTP 502");
  });

  it("throws InvalidResponseError, not SyntaxError, for a truncated 200 body, with the token masked", async () => {
    respond = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"accessToken":"leaked-access-token-123","tokenType":"Bear');
    };
    const e = await failure();
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.code).toBe("UnparseableResponse");
    expect(e.$metadata.httpStatusCode).toBe(200);
    expect(e.excerpt).toBe('{"accessToken":"***SensitiveInformation***","tokenType":"Bear');
    expect(e.message).not.toContain("leaked-access-token-123");
  });

  it("uses the error type header when the body is not JSON", async () => {
    respond = (res) => {
      res.writeHead(400, errorType("SlowDownException"));
      res.end("slow down!");
    };
    const e = await failure();
    expect(e.name).toBe("SlowDownException");
    expect(e.message).toBe("SlowDownException: the service answered HTTP 400 without a description.");
  });
});

describe("secrets in error text", () => {
  it("scrubs input secrets the service echoes back in error_description", async () => {
    respond = (res) => json(res, 400, { error: "invalid_client", error_description: `bad secret ${SECRET} for device ${DEVICE}` });
    const e = await failure();
    expect(e.message).toBe("bad secret ***SensitiveInformation*** for device ***SensitiveInformation***");
    expect(e.error_description).toBe(e.message);
    expect(JSON.stringify(e)).not.toContain(SECRET);
    expect(String(e.stack)).not.toContain(SECRET);
  });
});

describe("output types", () => {
  it("coerces numeric strings to numbers and drops members the model does not have", async () => {
    respond = (res) => json(res, 200, { accessToken: "a", expiresIn: "3600", extra: true });
    const out = await client.send(new CreateTokenCommand(input));
    expect(out).toEqual({ accessToken: "a", expiresIn: 3600, $metadata: expect.any(Object) });
  });

  it("throws UnexpectedResponse naming the member, never its value, when a member has the wrong type", async () => {
    respond = (res) => json(res, 200, { accessToken: { nested: "top-secret-token" } });
    const e = await failure();
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.code).toBe("UnexpectedResponse");
    expect(e.message).toContain('"accessToken"');
    expect(e.message).not.toContain("top-secret-token");
  });

  it("returns the JSON as it is when convertResponseTypes is false", async () => {
    const raw = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, convertResponseTypes: false });
    respond = (res) => json(res, 200, { accessToken: "a", expiresIn: "3600", extra: true });
    const out = await raw.send(new CreateTokenCommand(input));
    raw.destroy();
    expect(out).toEqual({ accessToken: "a", expiresIn: "3600", extra: true, $metadata: expect.any(Object) });
  });
});
