import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@ssokit/client-sso-oidc";
import { json, startServer, type TestServer } from "./support/testServer";

let server: TestServer;
let client: SSOOIDCClient;
const answers: Record<string, unknown> = {
  "/client/register": {
    clientId: "cid-1",
    clientSecret: "csecret-1",
    clientIdIssuedAt: 1700000000,
    clientSecretExpiresAt: 1707776000,
    authorizationEndpoint: "https://auth.example/authorize",
    tokenEndpoint: "https://auth.example/token",
    unmodeled: "dropped",
  },
  "/device_authorization": {
    deviceCode: "dc-1",
    userCode: "ABCD-EFGH",
    verificationUri: "https://device.example/",
    verificationUriComplete: "https://device.example/?user_code=ABCD-EFGH",
    expiresIn: 600,
    interval: 1,
  },
  "/token": { accessToken: "at-1", tokenType: "Bearer", expiresIn: 3600, refreshToken: "rt-1", idToken: "id-1" },
};

beforeAll(async () => {
  server = await startServer((req, res, i) => json(res, 200, answers[req.url], { "x-amzn-requestid": `req-${i}` }));
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => server.requests.splice(0));

describe("RegisterClientCommand", () => {
  it("returns the registration when the service answers 200, after POSTing every modeled member as JSON", async () => {
    const input = {
      clientName: "my-cli",
      clientType: "public",
      scopes: ["sso:account:access", "codewhisperer:completions"],
      redirectUris: ["http://127.0.0.1:9000/cb"],
      grantTypes: ["authorization_code", "refresh_token"],
      issuerUrl: "https://identitycenter.amazonaws.com/ssoins-1",
      entitledApplicationArn: "arn:aws:sso::123456789012:application/ssoins-1/apl-1",
    };
    const out = await client.send(new RegisterClientCommand(input));
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/client/register");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["content-length"]).toBe(String(Buffer.byteLength(req.body)));
    expect(JSON.parse(req.body)).toEqual(input);
    expect(out).toEqual({
      clientId: "cid-1",
      clientSecret: "csecret-1",
      clientIdIssuedAt: 1700000000,
      clientSecretExpiresAt: 1707776000,
      authorizationEndpoint: "https://auth.example/authorize",
      tokenEndpoint: "https://auth.example/token",
      $metadata: { httpStatusCode: 200, requestId: "req-0", attempts: 1, totalRetryDelay: 0 },
    });
  });

  it("returns only modeled members when the input carries unknown ones", async () => {
    await client.send(new RegisterClientCommand({ clientName: "n", clientType: "public", extra: 1 } as never));
    expect(server.requests[0].body).toBe('{"clientName":"n","clientType":"public"}');
  });
});

describe("StartDeviceAuthorizationCommand", () => {
  it("returns the device and user codes when the service answers 200", async () => {
    const out = await client.send(
      new StartDeviceAuthorizationCommand({ clientId: "cid-1", clientSecret: "csecret-1", startUrl: "https://d-123.awsapps.com/start" }),
    );
    const req = server.requests[0];
    expect(req.url).toBe("/device_authorization");
    expect(req.body).toBe('{"clientId":"cid-1","clientSecret":"csecret-1","startUrl":"https://d-123.awsapps.com/start"}');
    expect(out).toEqual({ ...(answers["/device_authorization"] as object), $metadata: { httpStatusCode: 200, requestId: "req-0", attempts: 1, totalRetryDelay: 0 } });
  });
});

describe("CreateTokenCommand", () => {
  it("returns the tokens when the service answers 200, sending every member the model has", async () => {
    const input = {
      clientId: "cid-1",
      clientSecret: "csecret-1",
      grantType: "authorization_code",
      deviceCode: "dc-1",
      code: "code-1",
      refreshToken: "rt-0",
      scope: ["openid"],
      redirectUri: "http://127.0.0.1:9000/cb",
      codeVerifier: "verifier-1",
    };
    const out = await client.send(new CreateTokenCommand(input));
    const req = server.requests[0];
    expect(req.url).toBe("/token");
    expect(JSON.parse(req.body)).toEqual(input);
    expect(Object.keys(JSON.parse(req.body))).toEqual(Object.keys(input));
    expect(out).toEqual({ accessToken: "at-1", tokenType: "Bearer", expiresIn: 3600, refreshToken: "rt-1", idToken: "id-1", $metadata: { httpStatusCode: 200, requestId: "req-0", attempts: 1, totalRetryDelay: 0 } });
  });

  it("sends the SDK headers: user agent, invocation id and attempt counter", async () => {
    await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
    const h = server.requests[0].headers;
    const v = require("../package.json").version.replace(/\./g, "\\.");
    expect(h["user-agent"]).toMatch(new RegExp(`^ssokit/${v} ua/2\\.1 os/\\w+ lang/js md/nodejs#\\d+\\.\\d+\\.\\d+ api/sso-oidc#${v}$`));
    expect(h["x-amz-user-agent"]).toBe(h["user-agent"]);
    expect(h["amz-sdk-invocation-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(h["amz-sdk-request"]).toBe("attempt=1; max=3");
  });

  it("exposes its input and a middleware stack of its own", () => {
    const input = { clientId: "c", clientSecret: "s", grantType: "g" };
    const command = new CreateTokenCommand(input);
    expect(command.input).toBe(input);
    expect(command.middlewareStack.identify()).toEqual([]);
  });
});

describe("SSOOIDCClient.send", () => {
  it("calls back with (null, output) when given a callback", async () => {
    const result = await new Promise<[unknown, unknown]>((resolve) =>
      client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }), (err, data) => resolve([err, data])),
    );
    expect(result[0]).toBeNull();
    expect((result[1] as { accessToken: string }).accessToken).toBe("at-1");
  });

  it("calls back with (null, output) when given options and a callback", async () => {
    const controller = new AbortController();
    const result = await new Promise<[unknown, unknown]>((resolve) =>
      client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }), { abortSignal: controller.signal }, (err: unknown, data: unknown) =>
        resolve([err, data]),
      ),
    );
    expect(result[0]).toBeNull();
    expect((result[1] as { tokenType: string }).tokenType).toBe("Bearer");
  });

  it("returns undefined when given a callback, and swallows an exception the callback throws", async () => {
    const unhandled = jest.fn();
    process.on("unhandledRejection", unhandled);
    const done = new Promise<void>((resolve) => {
      const r = client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }), () => {
        setImmediate(resolve);
        throw new Error("callback bug");
      });
      expect(r).toBeUndefined();
    });
    await done;
    await new Promise((r) => setImmediate(r));
    process.off("unhandledRejection", unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it("runs concurrent calls independently, each with its own $metadata", async () => {
    const outs = await Promise.all(
      Array.from({ length: 16 }, (_, i) => client.send(new CreateTokenCommand({ clientId: `c${i}`, clientSecret: "s", grantType: "g" }))),
    );
    expect(outs).toHaveLength(16);
    expect(new Set(outs.map((o) => o.$metadata.requestId)).size).toBe(16);
    expect(server.requests.map((r) => JSON.parse(r.body).clientId).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `c${i}`).sort());
  });
});
