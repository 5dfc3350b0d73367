import * as official from "@aws-sdk/client-sso-oidc";
import * as ours from "@ssokit/client-sso-oidc";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import {
  ACCESS_TOKEN_TYPE,
  APP,
  APP2,
  authorizeUrl,
  iamOptions,
  JWT_BEARER,
  KEYS,
  makeIssuer,
  NARROW_KEYS,
  pkce,
  REFRESH_TOKEN_TYPE,
  startLoopback,
  TOKEN_EXCHANGE,
  type Issuer,
} from "./support/iamFixture";

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
    // The same outcomes, each checked whole; the skew messages hold the times of their own call, so two calls a
    // second apart differ there, and those are checked by their form.
    const expected = {
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
    };
    expect(withOfficial).toEqual(expected);
    expect(withOurs).toEqual(expected);
  });
});

describe("CreateTokenWithIAM on the local service, with @aws-sdk/client-sso-oidc and with ours", () => {
  const SKEW = 10 * 60 * 1000;
  let iam: LocalServer;
  /** Services whose clocks are 10 minutes ahead of this machine's and behind it: as a machine with a skewed clock sees AWS. */
  let ahead: LocalServer;
  let behind: LocalServer;
  let issuer: Issuer;
  let loopback: Awaited<ReturnType<typeof startLoopback>>;

  beforeAll(async () => {
    issuer = await makeIssuer();
    loopback = await startLoopback();
    iam = await startLocalServer(iamOptions(issuer, loopback.redirectUri));
    ahead = await startLocalServer(iamOptions(issuer, loopback.redirectUri, { clock: { now: () => Date.now() + SKEW } }));
    behind = await startLocalServer(iamOptions(issuer, loopback.redirectUri, { clock: { now: () => Date.now() - SKEW } }));
  });
  afterAll(async () => {
    await Promise.all([iam, ahead, behind].map((s) => s.close()));
    await loopback.close();
  });

  /** Every grant type, then a wrong secret key, a tampered body and a skewed clock (both ways), with one SDK. */
  async function grants(sdk: Sdk) {
    const client = (config: object = {}) => new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: iam.url, credentials: KEYS, ...config });
    const clients: any[] = [];
    const call = (input: object, config?: object) => {
      const c = client(config);
      clients.push(c);
      return c.send(new sdk.CreateTokenWithIAMCommand({ clientId: APP, ...input }));
    };
    const shape = (o: any) => ({
      keys: Object.keys(o).sort(),
      tokenType: o.tokenType,
      issuedTokenType: o.issuedTokenType,
      scope: o.scope,
      attempts: o.$metadata.attempts,
      contextInIdToken: o.idToken ? JSON.parse(Buffer.from(o.idToken.split(".")[1], "base64url").toString())["sts:identity_context"] === o.awsAdditionalDetails?.identityContext : "no id token",
    });
    const refused = (p: Promise<any>) => p.then(() => "passed", (e) => ({ name: e.name, status: e.$metadata?.httpStatusCode, attempts: e.$metadata?.attempts, corrected: e.$metadata?.clockSkewCorrected, message: e.message }));
    const assertion = (skew = 0) => issuer.mint({ email: "alice@example.com" }, Date.now() + skew);
    try {
      const steps: Record<string, unknown> = {};
      const jwt = await call({ grantType: JWT_BEARER, assertion: await assertion() });
      steps.jwtBearer = shape(jwt);
      const { verifier, challenge } = pkce();
      const landed = await iam.completeAuthorization(authorizeUrl(iam.authorizeUri, APP, loopback.redirectUri, challenge, { scopes: "openid aws wiki:read" }));
      steps.authorizationCode = shape(await call({ grantType: "authorization_code", code: new URL(landed.redirectedTo!).searchParams.get("code"), redirectUri: loopback.redirectUri, codeVerifier: verifier }));
      steps.refreshToken = shape(await call({ grantType: "refresh_token", refreshToken: jwt.refreshToken }));
      steps.tokenExchange = shape(await call({ clientId: APP2, grantType: TOKEN_EXCHANGE, subjectToken: jwt.accessToken, subjectTokenType: ACCESS_TOKEN_TYPE }, { credentials: NARROW_KEYS }));
      steps.wrongSecretKey = await refused(call({ grantType: JWT_BEARER, assertion: await assertion() }, { credentials: { ...KEYS, secretAccessKey: "wrong" } }));
      const tampering = client();
      clients.push(tampering);
      tampering.middlewareStack.add(
        (next: any) => async (args: any) => {
          // Another application, the same length: only the body changes.
          // (v3 holds the body as bytes, ours as text.)
          const body = args.request.body;
          args.request.body = (typeof body === "string" ? body : new TextDecoder().decode(body)).replace(APP, APP2);
          return next(args);
        },
        { step: "deserialize", name: "tamper" },
      );
      steps.tamperedBody = await refused(tampering.send(new sdk.CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion() })));
      // This machine's clock 10 minutes behind the service's, then ahead of it: one attempt fails, and corrects the
      // client's offset from the answer's Date; with retries, the second attempt passes.
      for (const [name, service, skew] of [["clockBehind", ahead, SKEW], ["clockAhead", behind, -SKEW]] as const) {
        const once = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: service.url, credentials: KEYS, maxAttempts: 1 });
        const retrying = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: service.url, credentials: KEYS });
        clients.push(once, retrying);
        steps[`${name}Once`] = await refused(once.send(new sdk.CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion(skew) })));
        steps[`${name}Corrected`] = Math.abs(once.config.systemClockOffset - skew) < 5000;
        steps[`${name}Retried`] = shape(await retrying.send(new sdk.CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion(skew) })));
      }
      return steps;
    } finally {
      for (const c of clients) c.destroy();
    }
  }

  it("passes every grant type, and fails a wrong secret key, a tampered body and a skewed clock the same way", async () => {
    const withOfficial = await grants(official);
    const withOurs = await grants(ours);
    const tokens = (issued: string, scope: string[], extra: string[] = []) => ({
      keys: ["$metadata", "accessToken", "expiresIn", "issuedTokenType", "scope", "tokenType", ...extra].sort(),
      tokenType: "Bearer",
      issuedTokenType: issued,
      scope,
      attempts: 1,
      contextInIdToken: extra.includes("idToken") ? true : "no id token",
    });
    const all = ["openid", "aws", "sts:identity_context", "wiki:read", "wiki:write"];
    const mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.";
    expect(withOfficial).toEqual({
      jwtBearer: tokens(REFRESH_TOKEN_TYPE, all, ["refreshToken", "idToken", "awsAdditionalDetails"]),
      authorizationCode: { ...tokens(REFRESH_TOKEN_TYPE, ["openid", "aws", "wiki:read"], ["refreshToken", "idToken"]), contextInIdToken: true },
      refreshToken: tokens(REFRESH_TOKEN_TYPE, all, ["refreshToken"]),
      tokenExchange: tokens(ACCESS_TOKEN_TYPE, ["openid", "aws", "sts:identity_context"], ["idToken", "awsAdditionalDetails"]),
      wrongSecretKey: { name: "InvalidSignatureException", status: 403, attempts: 1, corrected: undefined, message: `${mismatch} Consult the service documentation for details.` },
      tamperedBody: { name: "InvalidSignatureException", status: 403, attempts: 1, corrected: undefined, message: `${mismatch} The x-amz-content-sha256 header is not the SHA-256 of the body: the body changed after it was signed.` },
      clockBehindOnce: { name: "InvalidSignatureException", status: 403, attempts: 1, corrected: true, message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/) },
      clockBehindCorrected: true,
      clockBehindRetried: { ...tokens(REFRESH_TOKEN_TYPE, all, ["refreshToken", "idToken", "awsAdditionalDetails"]), attempts: 2 },
      clockAheadOnce: { name: "InvalidSignatureException", status: 403, attempts: 1, corrected: true, message: expect.stringMatching(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/) },
      clockAheadCorrected: true,
      clockAheadRetried: { ...tokens(REFRESH_TOKEN_TYPE, all, ["refreshToken", "idToken", "awsAdditionalDetails"]), attempts: 2 },
    });
    expect(withOurs).toEqual(withOfficial);
  });
});
