import type { CryptoKey } from "jose";
import { randomBytes, randomUUID } from "node:crypto";
import { APPLICATION_ARN } from "./iamOptions";
import type { User } from "./UserDirectory";

/** A public key as a JWK (RFC 7517): here an ES256 (P-256) key. */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  kid: string;
  alg: string;
  use: string;
}

/** What an id token is about: the user, for which application, with which scopes, when. */
export interface IdTokenSubject {
  user: User;
  applicationArn: string;
  scopes: readonly string[];
  /** When the user signed in (or the assertion was exchanged), ms. */
  authTime: number;
}

/**
 * The id tokens CreateTokenWithIAM answers with, and the identity context inside them. Claims follow the service
 * model's examples: `iss` (here this service's URL and the instance), `sub` (the user's id), `aud` (the
 * application's ARN), `iat`, `exp`, `auth_time`, `aws:identity_store_id`, `aws:identity_store_arn`,
 * `aws:instance_arn`, `aws:instance_account`, `aws:credential_id` and, with the `sts:identity_context` scope,
 * `sts:identity_context`. Signed with ES256 under a key made when first needed; `jwks()` gives its public half.
 */
export class IdTokens {
  #key?: Promise<{ privateKey: CryptoKey; jwk: PublicJwk }>;

  constructor(private readonly identityStoreId: string) {}

  #signingKey() {
    // jose is an ES module only: import() loads it from either build, and only when a first id token is made.
    return (this.#key ??= import("jose").then(async (jose) => {
      const { privateKey, publicKey } = await jose.generateKeyPair("ES256");
      const { kty, crv, x, y } = await jose.exportJWK(publicKey);
      return { privateKey, jwk: { kty: kty!, crv, x, y, kid: randomBytes(8).toString("hex"), alg: "ES256", use: "sig" } };
    }));
  }

  /** The public key id tokens are signed with, as a JWK set, to verify them with. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    return { keys: [(await this.#signingKey()).jwk] };
  }

  /**
   * The identity context of a user for an application: an opaque string to applications (AWS's is encrypted by
   * STS); here base64url JSON of who and for what, so a developer can read it.
   */
  identityContext({ user, applicationArn, authTime }: IdTokenSubject): string {
    const json = JSON.stringify({ userId: user.userId, identityStoreId: this.identityStoreId, applicationArn, authTime: new Date(authTime).toISOString() });
    return Buffer.from(json).toString("base64url");
  }

  /** A signed id token for `subject`, issued at `now` (ms) by `issuer` (this service's URL), valid `ttl` seconds. */
  async idToken(subject: IdTokenSubject, now: number, ttl: number, issuer: string): Promise<string> {
    const [, account, instance] = APPLICATION_ARN.exec(subject.applicationArn)!;
    const jose = await import("jose");
    const { privateKey, jwk } = await this.#signingKey();
    const iat = Math.floor(now / 1000);
    return new jose.SignJWT({
      "aws:identity_store_id": this.identityStoreId,
      "aws:identity_store_arn": `arn:aws:identitystore::${account}:identitystore/${this.identityStoreId}`,
      "aws:instance_arn": `arn:aws:sso:::instance/${instance}`,
      "aws:instance_account": account,
      "aws:credential_id": randomUUID(),
      auth_time: new Date(subject.authTime).toISOString().replace(/\.\d{3}Z$/, "Z"),
      ...(subject.scopes.includes("sts:identity_context") ? { "sts:identity_context": this.identityContext(subject) } : {}),
    })
      .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: jwk.kid })
      .setIssuer(`${issuer}/${instance}`)
      .setSubject(subject.user.userId)
      .setAudience(subject.applicationArn)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .sign(privateKey);
  }
}
