import { CreateTokenWithIAMCommand, SSOOIDCClient, type CreateTokenWithIAMCommandInput } from "@ssokit/client-sso-oidc";
import { OidcService, startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  ACCESS_TOKEN_TYPE,
  APP,
  APP2,
  AUDIENCE,
  authorizeUrl,
  BARE_APP,
  ISSUER,
  iamOptions,
  JWT_BEARER,
  KEYS,
  makeIssuer,
  NARROW_KEYS,
  pkce,
  REFRESH_TOKEN_TYPE,
  startLoopback,
  TOKEN_EXCHANGE,
  USERS,
  type Issuer,
} from "./support/iamFixture";

// CreateTokenWithIAM on the local service, grant by grant, with this SDK's client signing as an application's
// backend would: the tokens, the id token and its identity context, and every refusal the model has.
let now = Date.now();
let server: LocalServer;
let issuer: Issuer;
let loopback: Awaited<ReturnType<typeof startLoopback>>;
let client: SSOOIDCClient;

beforeAll(async () => {
  issuer = await makeIssuer();
  loopback = await startLoopback();
  server = await startLocalServer(iamOptions(issuer, loopback.redirectUri, { clock: { now: () => now } }));
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: KEYS, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
  await loopback.close();
});

const send = (input: CreateTokenWithIAMCommandInput, via = client) => via.send(new CreateTokenWithIAMCommand(input));
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e) => e);
const seen = (e: any) => ({ name: e.name, status: e.$metadata?.httpStatusCode, description: e.error_description ?? e.message });
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
const exchange = async (claims: Record<string, unknown> = { email: "alice@example.com" }, clientId = APP) =>
  send({ clientId, grantType: JWT_BEARER, assertion: await issuer.mint(claims, now) });

/** Signs alice in on the /authorize page for APP and returns the code the browser is sent back with. */
async function signIn(challenge: string, extra: Record<string, string> = {}, user?: string) {
  const landed = await server.completeAuthorization(authorizeUrl(server.authorizeUri, APP, loopback.redirectUri, challenge, extra), "approve", user);
  return new URL(landed.redirectedTo!).searchParams;
}

describe("the JWT bearer grant (a trusted token issuer's JWT)", () => {
  it("answers tokens, an id token the service's keys verify, and the identity context it carries", async () => {
    const output = await exchange();
    expect(output).toEqual({
      accessToken: expect.stringMatching(/^aoa-/),
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: expect.stringMatching(/^aor-/),
      idToken: expect.any(String),
      issuedTokenType: REFRESH_TOKEN_TYPE,
      scope: ["openid", "aws", "sts:identity_context", "wiki:read", "wiki:write"],
      awsAdditionalDetails: { identityContext: expect.any(String) },
      $metadata: expect.objectContaining({ httpStatusCode: 200 }),
    });
    const { payload, protectedHeader } = await issuer.jose.jwtVerify(output.idToken!, issuer.jose.createLocalJWKSet((await server.idTokenJwks()) as any), { audience: APP, currentDate: new Date(now) });
    const alice = JSON.parse(Buffer.from(output.awsAdditionalDetails!.identityContext!, "base64url").toString());
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload).toEqual({
      iss: `${server.url}/ssoins-1111111111111111`,
      sub: alice.userId,
      aud: APP,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + 3600,
      auth_time: new Date(Math.floor(now / 1000) * 1000).toISOString().replace(".000", ""),
      "aws:identity_store_id": "d-0000000000",
      "aws:identity_store_arn": "arn:aws:identitystore::123456789012:identitystore/d-0000000000",
      "aws:instance_arn": "arn:aws:sso:::instance/ssoins-1111111111111111",
      "aws:instance_account": "123456789012",
      "aws:credential_id": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "sts:identity_context": output.awsAdditionalDetails!.identityContext,
    });
    expect(alice).toEqual({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/), identityStoreId: "d-0000000000", applicationArn: APP, authTime: new Date(now).toISOString() });
  });

  it("maps the claim the issuer names to a user: the same user id on every start, or the one configured", async () => {
    const first = claimsOf((await exchange()).idToken!).sub;
    const again = await startLocalServer(iamOptions(issuer, loopback.redirectUri));
    const other = new SSOOIDCClient({ region: "us-east-1", endpoint: again.url, credentials: KEYS, maxAttempts: 1 });
    try {
      const later = await send({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "ALICE@example.com" }, Date.now()) }, other);
      expect(claimsOf(later.idToken!).sub).toBe(first);
    } finally {
      other.destroy();
      await again.close();
    }
    expect(claimsOf((await exchange({ email: "bob@example.com" })).idToken!).sub).toBe(USERS[1].userId);
  });

  it("grants only the scopes asked for, and refuses one the application does not have", async () => {
    const output = await send({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "alice@example.com" }, now), scope: ["aws", "wiki:read"] });
    expect([output.scope, output.idToken, output.awsAdditionalDetails]).toEqual([["aws", "wiki:read"], undefined, undefined]);
    const error = await failure(send({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "alice@example.com" }, now), scope: ["wiki:admin"] }));
    expect(seen(error)).toEqual({ name: "InvalidScopeException", status: 400, description: expect.stringContaining('the scope "wiki:admin" is not granted here') });
  });

  it("refuses an assertion that fails a check with InvalidGrantException saying which", async () => {
    const { privateKey: stranger } = await issuer.jose.generateKeyPair("RS256");
    const hs = await new issuer.jose.SignJWT({ iss: ISSUER, aud: AUDIENCE, exp: Math.floor(now / 1000) + 60, email: "alice@example.com" })
      .setProtectedHeader({ alg: "HS256", kid: "key-1" })
      .sign(new TextEncoder().encode("a-shared-secret-that-is-32-bytes!"));
    const cases: [string, Promise<string>, string][] = [
      ["another key", issuer.mint({ email: "alice@example.com" }, now, { key: stranger }), `the assertion's signature does not verify with the keys of ${ISSUER}`],
      ["an unknown issuer", issuer.mint({ iss: "https://evil.example", email: "alice@example.com" }, now), 'the assertion\'s issuer "https://evil.example" is not a trusted token issuer'],
      ["another audience", issuer.mint({ aud: "someone-else", email: "alice@example.com" }, now), `the assertion's aud is not an audience the application accepts from ${ISSUER}`],
      ["expired", issuer.mint({ email: "alice@example.com", exp: Math.floor(now / 1000) - 10 }, now), `the assertion expired at ${new Date((Math.floor(now / 1000) - 10) * 1000).toISOString()}`],
      ["not yet valid", issuer.mint({ email: "alice@example.com", nbf: Math.floor(now / 1000) + 120 }, now), "the assertion is not valid before"],
      ["without exp", issuer.mint({ email: "alice@example.com", exp: undefined }, now), "the assertion has no exp claim"],
      ["an unknown user", issuer.mint({ email: "carol@example.com" }, now), 'no user has emails.value "carol@example.com" (the assertion\'s email); add one to users'],
      ["no email claim", issuer.mint({ sub: "x" }, now), "the assertion has no email claim"],
      ["a shared-secret algorithm", Promise.resolve(hs), "the assertion is not signed with a public-key algorithm"],
      ["not a JWT", Promise.resolve("not.a.jwt"), "the assertion is not a JWT"],
    ];
    for (const [what, assertion, description] of cases) {
      const error = await failure(send({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion }));
      expect([what, seen(error)]).toEqual([what, { name: "InvalidGrantException", status: 400, description: expect.stringContaining(description) }]);
    }
    // APP2 trusts the issuer for another audience only.
    const error = await failure(send({ clientId: APP2, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "alice@example.com" }, now) }, new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: NARROW_KEYS, maxAttempts: 1 })));
    expect(seen(error).description).toContain("the assertion's aud is not an audience the application accepts");
  });

  it("reads an issuer's keys from its jwks URL, fetched once and cached", async () => {
    const fetched: string[] = [];
    const keys = http.createServer((req, res) => {
      fetched.push(req.url!);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(issuer.jwks));
    });
    await new Promise<void>((resolve) => keys.listen(0, "127.0.0.1", resolve));
    const remote = await startLocalServer({
      ...iamOptions(issuer, loopback.redirectUri),
      trustedTokenIssuers: [{ issuerUrl: ISSUER, jwks: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/.well-known/jwks.json`, claimAttributePath: "ext.uid", identityStoreAttributePath: "externalIds.value" }],
    });
    const other = new SSOOIDCClient({ region: "us-east-1", endpoint: remote.url, credentials: KEYS, maxAttempts: 1 });
    try {
      for (let i = 0; i < 2; i++) {
        const output = await send({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ ext: { uid: "ext-alice" } }, Date.now()) }, other);
        expect(claimsOf(output.idToken!).sub).toBe(JSON.parse(Buffer.from(output.awsAdditionalDetails!.identityContext!, "base64url").toString()).userId);
      }
      expect(fetched).toEqual(["/.well-known/jwks.json"]);
    } finally {
      other.destroy();
      await remote.close();
      keys.closeAllConnections();
      await new Promise((resolve) => keys.close(resolve));
    }
  });
});

describe("the authorization code grant (an application's sign-in page)", () => {
  it("signs a user in on /authorize and redeems the code with its verifier, once", async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn(challenge, { scopes: "openid wiki:read" }, "bob@example.com");
    expect(back.get("state")).toBe("st-1");
    const input = { clientId: APP, grantType: "authorization_code", code: back.get("code")!, redirectUri: loopback.redirectUri, codeVerifier: verifier };
    const output = await send(input);
    expect([output.scope, claimsOf(output.idToken!).sub, output.issuedTokenType]).toEqual([["openid", "wiki:read"], USERS[1].userId, REFRESH_TOKEN_TYPE]);
    expect(seen(await failure(send(input)))).toEqual({ name: "InvalidGrantException", status: 400, description: "the authorization code has already been used" });
  });

  it("refuses a wrong verifier, another redirect URI, and another application's code", async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge)).get("code")!;
    expect(seen(await failure(send({ clientId: APP, grantType: "authorization_code", code, redirectUri: loopback.redirectUri, codeVerifier: pkce().verifier }))).description).toBe("the code verifier does not match the code challenge");
    const again = (await signIn(challenge)).get("code")!;
    expect(seen(await failure(send({ clientId: APP, grantType: "authorization_code", code: again, redirectUri: "https://elsewhere.example/cb", codeVerifier: verifier }))).description).toBe("redirectUri must be the one of the authorization request");
    const third = (await signIn(challenge)).get("code")!;
    const narrow = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: NARROW_KEYS, maxAttempts: 1 });
    const error = await failure(send({ clientId: APP2, grantType: "authorization_code", code: third, redirectUri: loopback.redirectUri, codeVerifier: verifier }, narrow));
    narrow.destroy();
    expect(seen(error)).toEqual({ name: "UnauthorizedClientException", status: 400, description: "the application has no authorization_code grant" });
  });

  it("asks who signs in, shows the page again for a name it does not know, and lets Deny go without one", async () => {
    const { challenge } = pkce();
    const page = await fetch(authorizeUrl(server.authorizeUri, APP, loopback.redirectUri, challenge));
    const html = await page.text();
    expect([page.status, html.includes("<b>Team wiki</b> asks to sign in"), html.includes('<label for="user">Sign in as (user name or email)</label>')]).toEqual([200, true, true]);
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const post = (extra: Record<string, string>) =>
      fetch(server.authorizeUri, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ ...fields, ...extra }).toString() });
    const unknown = await post({ action: "approve", user: "mallory" });
    expect([unknown.status, (await unknown.text()).includes("No user here is called mallory.")]).toEqual([200, true]);
    const denied = await post({ action: "deny" });
    expect([denied.status, new URL(denied.headers.get("location")!).searchParams.get("error")]).toEqual([302, "access_denied"]);
  });

  it("sends a scope the application does not have back as invalid_scope", async () => {
    const back = await signIn(pkce().challenge, { scopes: "openid wiki:admin" });
    expect([back.get("error"), back.get("code")]).toEqual(["invalid_scope", null]);
  });
});

describe("the refresh token grant", () => {
  it("rotates: a refresh token works once, within its scopes, and answers no id token", async () => {
    const first = await exchange();
    const refreshed = await send({ clientId: APP, grantType: "refresh_token", refreshToken: first.refreshToken!, scope: ["openid", "wiki:read"] });
    expect([refreshed.refreshToken !== first.refreshToken, refreshed.scope, refreshed.idToken, refreshed.awsAdditionalDetails, refreshed.issuedTokenType]).toEqual([true, ["openid", "wiki:read"], undefined, undefined, REFRESH_TOKEN_TYPE]);
    expect(seen(await failure(send({ clientId: APP, grantType: "refresh_token", refreshToken: first.refreshToken! })))).toEqual({ name: "InvalidGrantException", status: 400, description: "unknown, expired or already used refresh token" });
    const widened = await failure(send({ clientId: APP, grantType: "refresh_token", refreshToken: refreshed.refreshToken!, scope: ["wiki:write"] }));
    expect(seen(widened).name).toBe("InvalidScopeException");
  });

  it("refuses a refresh token after its lifetime", async () => {
    const { refreshToken } = await exchange();
    now += 90 * 24 * 3600 * 1000 + 1000;
    // A client whose clock agrees with the service's, which has moved on.
    const later = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: KEYS, maxAttempts: 1, systemClockOffset: now - Date.now() });
    try {
      expect(seen(await failure(send({ clientId: APP, grantType: "refresh_token", refreshToken: refreshToken! }, later))).name).toBe("InvalidGrantException");
    } finally {
      later.destroy();
      now -= 90 * 24 * 3600 * 1000 + 1000;
    }
  });
});

describe("the token exchange grant", () => {
  it("exchanges one application's access token for another's tokens for the same user", async () => {
    const subject = await exchange({ email: "bob@example.com" });
    const narrow = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: NARROW_KEYS, maxAttempts: 1 });
    try {
      const output = await send({ clientId: APP2, grantType: TOKEN_EXCHANGE, subjectToken: subject.accessToken!, subjectTokenType: ACCESS_TOKEN_TYPE, requestedTokenType: ACCESS_TOKEN_TYPE }, narrow);
      expect([output.issuedTokenType, output.refreshToken, claimsOf(output.idToken!).aud, claimsOf(output.idToken!).sub, output.scope]).toEqual([ACCESS_TOKEN_TYPE, undefined, APP2, USERS[1].userId, ["openid", "aws", "sts:identity_context"]]);
      // APP2 has no refresh token grant; the subject must be another application's token.
      expect(seen(await failure(send({ clientId: APP2, grantType: TOKEN_EXCHANGE, subjectToken: subject.accessToken!, subjectTokenType: ACCESS_TOKEN_TYPE, requestedTokenType: REFRESH_TOKEN_TYPE }, narrow))).name).toBe("UnauthorizedClientException");
    } finally {
      narrow.destroy();
    }
    const own = await failure(send({ clientId: APP, grantType: TOKEN_EXCHANGE, subjectToken: subject.accessToken!, subjectTokenType: ACCESS_TOKEN_TYPE }));
    expect(seen(own)).toEqual({ name: "InvalidGrantException", status: 400, description: "the subject token must be an access token of another application" });
    const wrongType = await failure(send({ clientId: APP, grantType: TOKEN_EXCHANGE, subjectToken: subject.accessToken!, subjectTokenType: "urn:ietf:params:oauth:token-type:id_token" }));
    expect(seen(wrongType)).toEqual({ name: "InvalidRequestException", status: 400, description: `subjectTokenType must be ${ACCESS_TOKEN_TYPE}` });
  });

  it("refuses an unknown or expired subject token", async () => {
    const narrow = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: NARROW_KEYS, maxAttempts: 1 });
    const unknown = await failure(send({ clientId: APP2, grantType: TOKEN_EXCHANGE, subjectToken: "aoa-nothing", subjectTokenType: ACCESS_TOKEN_TYPE }, narrow));
    narrow.destroy();
    expect(seen(unknown)).toEqual({ name: "InvalidGrantException", status: 400, description: "the subject token is not an unexpired access token this service issued" });
  });
});

describe("CreateTokenWithIAM's other refusals", () => {
  it("names an unknown application, a missing grant, an unknown grant type, a caller without access and another region", async () => {
    const narrow = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: NARROW_KEYS, maxAttempts: 1 });
    const west = new SSOOIDCClient({ region: "eu-west-1", endpoint: server.url, credentials: KEYS, maxAttempts: 1 });
    const assertion = await issuer.mint({ email: "alice@example.com" }, now);
    try {
      const outcomes = {
        unknown: seen(await failure(send({ clientId: APP.replace("2222", "9999"), grantType: JWT_BEARER, assertion }))),
        notAnArn: seen(await failure(send({ clientId: "my-app", grantType: JWT_BEARER, assertion }))),
        noGrant: seen(await failure(send({ clientId: BARE_APP, grantType: JWT_BEARER, assertion }))),
        unknownGrant: seen(await failure(send({ clientId: APP, grantType: "password" }))),
        deviceGrant: seen(await failure(send({ clientId: APP, grantType: "urn:ietf:params:oauth:grant-type:device_code" }))).name,
        missingAssertion: seen(await failure(send({ clientId: APP, grantType: JWT_BEARER }))),
        missingClientId: seen(await failure(send({ grantType: JWT_BEARER, assertion } as CreateTokenWithIAMCommandInput))).description,
        denied: seen(await failure(send({ clientId: APP, grantType: JWT_BEARER, assertion }, narrow))),
      };
      expect(outcomes).toEqual({
        unknown: { name: "InvalidClientException", status: 401, description: "no application has this ARN here; add it to applications" },
        notAnArn: { name: "InvalidClientException", status: 401, description: "clientId must be the ARN of an application" },
        noGrant: { name: "UnauthorizedClientException", status: 400, description: `the application has no ${JWT_BEARER} grant` },
        unknownGrant: { name: "UnsupportedGrantTypeException", status: 400, description: expect.stringContaining('grant type "password" is not one of CreateTokenWithIAM\'s') },
        deviceGrant: "UnsupportedGrantTypeException",
        missingAssertion: { name: "InvalidRequestException", status: 400, description: "assertion is required for this grant" },
        missingClientId: "clientId is required",
        denied: { name: "AccessDeniedException", status: 400, description: `the credentials ${NARROW_KEYS.accessKeyId} may not call CreateTokenWithIAM for this application` },
      });
      const region = await failure(send({ clientId: APP, grantType: JWT_BEARER, assertion }, west));
      expect([region.name, region.endpoint, region.region, region.error]).toEqual(["InvalidRequestRegionException", server.url, "us-east-1", "invalid_request"]);
    } finally {
      narrow.destroy();
      west.destroy();
    }
  });
});

describe("what the service holds for applications", () => {
  it("drops expired access and refresh tokens on its timer, and holds at most maxAccessTokens", async () => {
    let t = Date.now();
    const local = await startLocalServer(iamOptions(issuer, loopback.redirectUri, { clock: { now: () => t }, sweepInterval: 0.01, accessTokenTtl: 60, refreshTokenTtl: 120, maxAccessTokens: 2 }));
    const sdk = new SSOOIDCClient({ region: "us-east-1", endpoint: local.url, credentials: KEYS, maxAttempts: 1 });
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
      return done();
    };
    try {
      for (let i = 0; i < 3; i++) await send({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "alice@example.com" }, t) }, sdk);
      expect(local.stats()).toMatchObject({ applicationAccessTokens: 2, applicationRefreshTokens: 3 });
      t += 61_000;
      expect(await until(() => local.stats().applicationAccessTokens === 0)).toBe(true);
      expect(local.stats().applicationRefreshTokens).toBe(3);
      t += 60_000;
      expect(await until(() => local.stats().applicationRefreshTokens === 0)).toBe(true);
    } finally {
      sdk.destroy();
      await local.close();
    }
  });

  it("keeps secrets out of inspect() of the service: keys, session tokens, issued tokens, codes", async () => {
    const service = new OidcService(iamOptions(issuer, loopback.redirectUri));
    const caller = { accessKeyId: KEYS.accessKeyId, region: "us-east-1" };
    const output = await service.createTokenWithIAM({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "alice@example.com" }, Date.now()) }, caller, "http://127.0.0.1:1");
    const consent = service.authorize(new URLSearchParams(new URL(authorizeUrl("http://127.0.0.1:1/authorize", APP, loopback.redirectUri, pkce().challenge)).search));
    const code = new URL(service.decideAuthorization((consent as { consent: { id: string } }).consent.id, true, service.signIn("alice"))!.redirect).searchParams.get("code")!;
    const printed = inspect(service, { depth: Infinity, showHidden: true });
    expect(printed).toContain("alice@example.com");
    for (const secret of [KEYS.secretAccessKey, KEYS.sessionToken, NARROW_KEYS.secretAccessKey, output.accessToken, output.refreshToken!, code]) expect([secret, printed.includes(secret)]).toEqual([secret, false]);
  });
});
