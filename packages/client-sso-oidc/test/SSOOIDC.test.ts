import { CreateTokenCommand, SSOOIDC, SSOOIDCClient, type CreateTokenCommandOutput } from "@ssokit/client-sso-oidc";
import { SSOOIDC as SSOOIDCv2 } from "@ssokit/client-sso-oidc/v2";
import { json, startServer, type TestServer } from "./support/testServer";

// The main entry's SSOOIDC is the AWS SDK v3's aggregated client; the v2-style one lives on /v2.

let server: TestServer;
const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.url === "/token" ? json(res, 200, { accessToken: "at", tokenType: "Bearer", expiresIn: 3600 }) : json(res, 200, { clientId: "cid", clientSecret: "cs" }),
  );
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const newClient = () => new SSOOIDC({ region: "us-east-1", endpoint: server.url });

describe("SSOOIDC (aggregated)", () => {
  it("is an SSOOIDCClient with one method per operation, and not the v2-style client", () => {
    const client = newClient();
    expect(client).toBeInstanceOf(SSOOIDCClient);
    expect(client).not.toBeInstanceOf(SSOOIDCv2);
    expect(["createToken", "registerClient", "startDeviceAuthorization"].map((m) => typeof (client as any)[m])).toEqual(["function", "function", "function"]);
    client.destroy();
  });

  it("takes (input) and (input, options), resolving to the output", async () => {
    const client = newClient();
    const a = await client.createToken(input);
    const b = await client.createToken(input, { abortSignal: new AbortController().signal });
    client.destroy();
    expect([a.accessToken, b.accessToken, a.$metadata.httpStatusCode]).toEqual(["at", "at", 200]);
  });

  it("takes (input, callback) and (input, options, callback), and returns a promise of undefined as v3 does", async () => {
    const client = newClient();
    const results: unknown[] = [];
    const done = (resolve: () => void) => (err: unknown, data?: CreateTokenCommandOutput) => (results.push(err ?? data?.accessToken), resolve());
    const returned: unknown[] = [];
    await new Promise<void>((resolve) => void returned.push(client.createToken(input, done(resolve))));
    await new Promise<void>((resolve) => void returned.push(client.createToken(input, {}, done(resolve))));
    client.destroy();
    expect(results).toEqual(["at", "at"]);
    expect(await Promise.all(returned)).toEqual([undefined, undefined]);
  });

  it("rejects options that are not an object before a callback, naming what came", async () => {
    const client = newClient();
    const called = jest.fn();
    const outcome = await (client.createToken(input, "fast" as never, called) as unknown as Promise<unknown>).catch((e: Error) => e.message);
    client.destroy();
    expect(outcome).toBe("Expected http options but got string");
    expect(called).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it("does not validate input: members the model does not have are left out of the request, as in v3", async () => {
    const client = newClient();
    const cachedToken = { accessToken: "old", refreshToken: "r", expiresAt: "2026-11-27T12:00:00Z", region: "us-east-1" };
    await client.createToken({ clientId: "c", clientSecret: "s", ...cachedToken, grantType: "refresh_token" } as never);
    await client.registerClient({ clientName: "cli", clientType: "public", extra: 1 } as never);
    client.destroy();
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" },
      { clientName: "cli", clientType: "public" },
    ]);
  });

  it("still sends commands", async () => {
    const client = newClient();
    const output = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(output.tokenType).toBe("Bearer");
  });
});

describe("$metadata", () => {
  it("has v3's members, in v3's order, undefined where the response has no such header", async () => {
    const client = newClient();
    const output = await client.createToken(input);
    client.destroy();
    expect(Object.keys(output)).toEqual(["accessToken", "tokenType", "expiresIn", "$metadata"]);
    expect(Object.keys(output.$metadata)).toEqual(["httpStatusCode", "requestId", "extendedRequestId", "cfId", "attempts", "totalRetryDelay"]);
    expect(output.$metadata).toEqual({ httpStatusCode: 200, requestId: undefined, extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 });
  });
});
