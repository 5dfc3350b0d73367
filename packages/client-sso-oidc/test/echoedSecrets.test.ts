import { CreateTokenCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import fc from "fast-check";
import type http from "node:http";
import { inspect } from "node:util";
import { startServer, type TestServer } from "./support/testServer";

// A service (or a proxy in its place) that echoes a secret of the request back, anywhere it can: the error type
// header (before ":"), the body's __type (after "#"), code, error, error_description, message, reason, endpoint,
// region, the request id header, or a body that is not JSON at all. Whatever the error is made from, no form of it
// (util.inspect, JSON.stringify, String, stack, any field) may hold the secret.
let server: TestServer;
let respond: (res: http.ServerResponse) => void = (res) => res.end();
beforeAll(async () => {
  server = await startServer((_req, res) => respond(res));
});
afterAll(() => server.close());

// Secrets as the service issues them (base64url, JWT-like with dots), and as callers invent them.
const secret = fc.stringMatching(/^[A-Za-z0-9_.~+/=-]{8,80}$/);
const MEMBER = ["clientSecret", "refreshToken", "deviceCode", "code", "codeVerifier"] as const;
const POSITION = ["errorTypeHeader", "__type", "code", "error", "error_description", "message", "reason", "endpoint", "region", "requestIdHeader", "htmlBody"] as const;

/** The answer with `value` (text around the secret) in `position`; an error type is always given somewhere, so an exception is built. */
function answer(position: (typeof POSITION)[number], value: string, status: number) {
  return (res: http.ServerResponse) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const body: Record<string, string> = { error: "invalid_grant", error_description: "refused" };
    if (position === "errorTypeHeader") headers["x-amzn-errortype"] = `${value}:http://internal.amazon.com/coral/com.amazonaws.ssooidc/`;
    else if (position === "requestIdHeader") headers["x-amzn-requestid"] = value;
    else if (position === "__type") body.__type = `com.amazonaws.ssooidc#${value}`;
    else if (position === "htmlBody") return res.writeHead(status, { "content-type": "text/html" }).end(`<html><body>${value}</body></html>`);
    else body[position] = value;
    if (position === "code" || position === "error") delete body.error;
    res.writeHead(status, headers).end(JSON.stringify(body));
  };
}

describe("errors made from a service's answer (property)", () => {
  it("hold no secret of the input in any field, whatever member the secret was and wherever the service echoes it", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1 });
    await fc.assert(
      fc.asyncProperty(
        secret,
        fc.constantFrom(...MEMBER),
        fc.constantFrom(...POSITION),
        fc.constantFrom("", "Bad", "x-"),
        fc.constantFrom("", "Exception", " was refused"),
        fc.constantFrom(400, 401, 500),
        async (value, member, position, before, after, status) => {
          respond = answer(position, `${before}${value}${after}`, status);
          const input = { clientId: "cid", clientSecret: "client-secret-0000", grantType: "refresh_token", refreshToken: "refresh-token-0000", [member]: value };
          const e: any = await client.send(new CreateTokenCommand(input)).then(
            () => undefined,
            (x) => x,
          );
          expect(e).toBeInstanceOf(Error);
          const forms = [inspect(e, { depth: 10, showHidden: false }), JSON.stringify(e), String(e), String(e.stack), e.name, e.message];
          for (const key of Object.getOwnPropertyNames(e)) if (key !== "$response") forms.push(typeof e[key] === "string" ? e[key] : JSON.stringify(e[key]) ?? "");
          for (const form of forms) expect([position, form.includes(value)]).toEqual([position, false]);
        },
      ),
      { numRuns: 300 },
    );
    client.destroy();
  });
});
