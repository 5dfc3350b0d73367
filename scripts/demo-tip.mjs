// `npm run demo:tip`: trusted identity propagation on this machine, no AWS account needed. It makes a key pair for a
// test identity provider (a trusted token issuer), starts the local SSO OIDC service for an application that trusts
// that issuer (sso-oidc local --config), mints a JWT for a test user as the provider would sign one in, exchanges
// it with CreateTokenWithIAMCommand signed with the application's AWS credentials, and shows the identity context
// that comes back. Every step is printed; no secret is (keys, the JWT, tokens show as "<masked, N characters>").
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTokenWithIAMCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import { indent, say, startLocal } from "./demo.mjs";

const masked = (value) => `<masked, ${value.length} characters>`;
const show = (value) => console.log(indent(JSON.stringify(value, null, 2)));

// The application's backend: its ARN in IAM Identity Center, and the AWS credentials it runs with. Example values
// for this machine only; the service accepts exactly these.
const APPLICATION = "arn:aws:sso::123456789012:application/ssoins-7223ae9b1c44d8e2/apl-3f0c5d2e8a917b64";
const CREDENTIALS = { accessKeyId: "AKIDLOCALDEMOTIP", secretAccessKey: "demo/Local+Secret/Access+Key/0000000000", sessionToken: "demo-local-session-token" };
const ISSUER = "https://idp.example.com/demo";
const AUDIENCE = "team-wiki";
const USER = { userName: "alice", email: "alice@example.com", displayName: "Alice Example" };

const workDir = mkdtempSync(join(tmpdir(), "ssokit-demo-tip-"));
let local;
try {
  say("1. A test identity provider: an ES256 key pair (the private key stays in this process)");
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), alg: "ES256", use: "sig" };
  jwk.kid = await calculateJwkThumbprint(jwk);
  console.log(indent(`issuer ${ISSUER}, public key ${jwk.kid} (${jwk.kty} ${jwk.crv})`));

  say("\n2. Starting the local SSO OIDC service for an application that trusts it: sso-oidc local --config tip.json");
  const config = {
    iamCredentials: [CREDENTIALS],
    users: [USER],
    trustedTokenIssuers: [{ issuerUrl: ISSUER, jwks: { keys: [jwk] }, claimAttributePath: "email", identityStoreAttributePath: "emails.value" }],
    applications: [{ arn: APPLICATION, name: "Team wiki", grants: { jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: ISSUER, authorizedAudiences: [AUDIENCE] }] }, refreshToken: {} } }],
  };
  const file = join(workDir, "tip.json");
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  // The service prints what it serves for CreateTokenWithIAM after the URL; its last line names the access keys.
  const started = await startLocal(["--port", "0", "--config", file], (output) => (/access keys? \(/.test(output) ? output.match(/^listening on (\S+)\n/)?.[1] : undefined));
  local = started.local;
  const endpoint = started.endpoint;
  console.log(indent(started.output.trimEnd()));

  say(`\n3. The identity provider signs ${USER.email} in, and issues a JWT for the application (aud ${AUDIENCE})`);
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ email: USER.email, name: USER.displayName })
    .setProtectedHeader({ alg: "ES256", kid: jwk.kid, typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject("idp-user-0001")
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(privateKey);
  show({ assertion: masked(assertion), claims: decodeJwt(assertion) });

  say("\n4. The application's backend exchanges it: CreateTokenWithIAMCommand, signed (SigV4) with its AWS credentials");
  console.log(indent(`credentials: ${CREDENTIALS.accessKeyId}, secret access key ${masked(CREDENTIALS.secretAccessKey)}, session token ${masked(CREDENTIALS.sessionToken)}`));
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS });
  const tokens = await client.send(new CreateTokenWithIAMCommand({ clientId: APPLICATION, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }));
  client.destroy();
  show({
    accessToken: masked(tokens.accessToken),
    refreshToken: masked(tokens.refreshToken),
    idToken: masked(tokens.idToken),
    tokenType: tokens.tokenType,
    expiresIn: tokens.expiresIn,
    issuedTokenType: tokens.issuedTokenType,
    scope: tokens.scope,
  });

  say("\n5. The identity context (awsAdditionalDetails.identityContext, also the id token's sts:identity_context claim)");
  const context = tokens.awsAdditionalDetails.identityContext;
  const claims = decodeJwt(tokens.idToken);
  console.log(indent(`${context}\n\nthe same as the id token's claim: ${claims["sts:identity_context"] === context}; the user (sub): ${claims.sub}`));
  console.log(indent(`read here (the local service's is base64url JSON; AWS's is encrypted):\n${JSON.stringify(JSON.parse(Buffer.from(context, "base64url").toString("utf8")), null, 2)}`));
  console.log(indent(`an application passes it to sts:AssumeRole as ProvidedContexts: [{ ProviderArn: "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion: <it> }]`));
  say("\nDone: a trusted token issuer's JWT exchanged for IAM Identity Center tokens, against the local service.");
} finally {
  local?.kill("SIGINT");
  rmSync(workDir, { recursive: true, force: true });
}
