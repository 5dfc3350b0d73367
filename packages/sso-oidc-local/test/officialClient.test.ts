import * as official from "@aws-sdk/client-sso-oidc";
import * as ours from "@ssokit/client-sso-oidc";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";

// The proof that the local service speaks the real protocol: the official AWS SDK client runs the whole device
// flow against it, and meets the same exceptions as this SDK's client in the same situations.
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
let now = Date.UTC(2026, 10, 26, 12);
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ clock: { now: () => now } });
});
afterAll(() => server.close());

// The two SDKs have the same shape but distinct types; the flow treats them alike.
type Sdk = any;

/** Runs one scripted device flow with an SDK and returns what each step produced: a value or an error name. */
async function flow(sdk: Sdk) {
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1 });
  const outcome = async (p: Promise<any>) => p.then((v) => v, (e) => ({ error: e.name, status: e.$metadata?.httpStatusCode }));
  try {
    const steps: Record<string, unknown> = {};
    steps.badType = await outcome(client.send(new sdk.RegisterClientCommand({ clientName: "x", clientType: "confidential" })));
    const reg = await client.send(new sdk.RegisterClientCommand({ clientName: "official-check", clientType: "public", scopes: ["sso:account:access"] }));
    steps.registered = typeof reg.clientId === "string" && typeof reg.clientSecretExpiresAt === "number";
    steps.wrongSecret = await outcome(client.send(new sdk.StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: "wrong", startUrl: "https://d-1.awsapps.com/start" })));
    const auth = await client.send(new sdk.StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
    steps.started = [auth.expiresIn, auth.interval, /^[A-Z]{4}-[A-Z]{4}$/.test(auth.userCode!)];
    const poll = () => client.send(new sdk.CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode }));
    steps.pending = await outcome(poll());
    steps.slowDown = await outcome(poll());
    now += 10_000;
    server.approve(auth.userCode!);
    const token = await poll();
    steps.token = [token.tokenType, token.expiresIn, typeof token.accessToken, typeof token.refreshToken];
    steps.reused = await outcome(poll());
    const refreshed = await client.send(new sdk.CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "refresh_token", refreshToken: token.refreshToken }));
    steps.refreshed = refreshed.refreshToken !== token.refreshToken;
    steps.oldRefresh = await outcome(client.send(new sdk.CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "refresh_token", refreshToken: token.refreshToken })));
    const denied = await client.send(new sdk.StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
    server.deny(denied.userCode!);
    steps.denied = await outcome(client.send(new sdk.CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: denied.deviceCode })));
    const late = await client.send(new sdk.StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
    now += 700_000;
    steps.expired = await outcome(client.send(new sdk.CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: late.deviceCode })));
    steps.unsupported = await outcome(client.send(new sdk.CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "password" })));
    return steps;
  } finally {
    client.destroy();
  }
}

describe("the local service, seen by @aws-sdk/client-sso-oidc", () => {
  it("runs register, start, pending, slow-down, approval, token and refresh, with the same outcomes as ours", async () => {
    const withOfficial = await flow(official);
    const withOurs = await flow(ours);
    expect(withOfficial).toEqual({
      badType: { error: "InvalidClientMetadataException", status: 400 },
      registered: true,
      wrongSecret: { error: "InvalidClientException", status: 401 },
      started: [600, 1, true],
      pending: { error: "AuthorizationPendingException", status: 400 },
      slowDown: { error: "SlowDownException", status: 400 },
      token: ["Bearer", 3600, "string", "string"],
      reused: { error: "InvalidGrantException", status: 400 },
      refreshed: true,
      oldRefresh: { error: "InvalidGrantException", status: 400 },
      denied: { error: "AccessDeniedException", status: 400 },
      expired: { error: "ExpiredTokenException", status: 400 },
      unsupported: { error: "UnsupportedGrantTypeException", status: 400 },
    });
    expect(withOurs).toEqual(withOfficial);
  });
});
