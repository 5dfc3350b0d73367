import type { JwkSet, LocalServerOptions } from "@ssokit/sso-oidc-local";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A trusted-identity-propagation setup for the tests: IAM credentials, two users, a trusted token issuer with a
// key made here, and applications with their grants; a loopback server for the authorization code redirect.

export const KEYS = { accessKeyId: "AKIDLOCALTEST0001", secretAccessKey: "local/Secret+Key0001", sessionToken: "local-session-token-0001" };
/** Credentials allowed to call for APP2 only, without a session token. */
export const NARROW_KEYS = { accessKeyId: "AKIDLOCALTEST0002", secretAccessKey: "local/Secret+Key0002" };
export const APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
export const APP2 = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-3333333333333333";
export const BARE_APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-4444444444444444";
export const ISSUER = "https://idp.example.com/tenant-1";
export const AUDIENCE = "my-web-app";
export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
export const REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";
export const USERS = [
  { userName: "alice", email: "alice@example.com", externalId: "ext-alice", displayName: "Alice Example" },
  { userName: "bob", email: "bob@example.com", userId: "b0b00000-0000-4000-8000-000000000000" },
];

type Jose = typeof import("jose");

export interface Issuer {
  jose: Jose;
  privateKey: CryptoKey;
  jwks: { keys: object[] };
  /** A JWT of the issuer for `claims` (iss, aud, iat and a 5-minute exp by default; `now` in ms). */
  mint(claims: Record<string, unknown>, now: number, options?: { key?: CryptoKey; alg?: string; kid?: string }): Promise<string>;
}

/** A test issuer: an RS256 key pair made here, and JWTs it signs. */
export async function makeIssuer(issuerUrl = ISSUER): Promise<Issuer> {
  const jose = await import("jose");
  const { privateKey, publicKey } = await jose.generateKeyPair("RS256");
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
  const mint: Issuer["mint"] = (claims, now, options = {}) => {
    const iat = Math.floor(now / 1000);
    return new jose.SignJWT({ iss: issuerUrl, aud: AUDIENCE, iat, exp: iat + 300, ...claims })
      .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? "key-1" })
      .sign(options.key ?? privateKey);
  };
  return { jose, privateKey, jwks: { keys: [jwk] }, mint };
}

/** The options of a service that plays IAM Identity Center for the applications above. */
export function iamOptions(issuer: Issuer, redirectUri: string, extra: Partial<LocalServerOptions> = {}): LocalServerOptions {
  return {
    iamCredentials: [KEYS, { ...NARROW_KEYS, applications: [APP2] }],
    users: USERS,
    trustedTokenIssuers: [{ issuerUrl: ISSUER, jwks: issuer.jwks as JwkSet }],
    applications: [
      {
        arn: APP,
        name: "Team wiki",
        scopes: ["wiki:read", "wiki:write"],
        grants: {
          authorizationCode: { redirectUris: [redirectUri] },
          refreshToken: {},
          jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: ISSUER, authorizedAudiences: [AUDIENCE] }] },
          tokenExchange: {},
        },
      },
      { arn: APP2, grants: { tokenExchange: {}, jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: ISSUER, authorizedAudiences: ["other-app"] }] } } },
      { arn: BARE_APP, grants: {} },
    ],
    ...extra,
  };
}

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** The client's side of an authorization code redirect: a loopback server that answers "signed in". */
export async function startLoopback(): Promise<{ redirectUri: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("signed in"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    redirectUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The URL an application sends the browser to, to sign a user in (the authorization code grant with PKCE). */
export function authorizeUrl(authorizeUri: string, clientId: string, redirectUri: string, challenge: string, extra: Record<string, string> = {}): string {
  const url = new URL(authorizeUri);
  url.search = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, state: "st-1", code_challenge: challenge, code_challenge_method: "S256", ...extra }).toString();
  return url.href;
}
