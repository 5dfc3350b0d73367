import type { JWTPayload, JWTVerifyGetKey } from "jose";
import { ServiceError } from "./errors";
import type { TrustedTokenIssuer } from "./iamOptions";
import type { User, UserDirectory } from "./UserDirectory";

/** Signature algorithms an issuer's JWT may use: public-key ones only, so no shared secret can sign one. */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

/** An issuer an application trusts, with the audiences it accepts from it (sso-admin's AuthorizedTokenIssuer). */
export interface AuthorizedIssuer {
  issuerUrl: string;
  authorizedAudiences: string[];
}

const invalid = (description: string) => new ServiceError("InvalidGrantException", description);
const when = (seconds: unknown) => (typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : "an unreadable time");

/** The value at `path` (dots into objects) of the claims, as a string when it is one (or a number). */
function claimAt(claims: JWTPayload, path: string): string | undefined {
  let value: unknown = claims;
  for (const part of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/**
 * Checks the assertions of the JWT bearer grant (RFC 7523) with jose, as IAM Identity Center does for its trusted
 * token issuers: the JWT's `iss` is a configured issuer the application trusts, its signature verifies with that
 * issuer's keys, its `aud` is one the application accepts from it, `exp` is in the future and `nbf` (if any) in the
 * past, by the service's clock; then the claim the issuer names is mapped to a user. Every refusal is an
 * InvalidGrantException that says which check failed, never quoting the assertion.
 */
export class AssertionVerifier {
  /** Key lookups by issuer URL, made on first use (a remote set is fetched then, and cached by jose). */
  private readonly keys = new Map<string, Promise<JWTVerifyGetKey>>();
  private readonly issuers: Map<string, TrustedTokenIssuer>;

  constructor(
    issuers: TrustedTokenIssuer[],
    private readonly users: UserDirectory,
  ) {
    this.issuers = new Map(issuers.map((t) => [t.issuerUrl, t]));
  }

  private keysOf(issuer: TrustedTokenIssuer): Promise<JWTVerifyGetKey> {
    let keys = this.keys.get(issuer.issuerUrl);
    if (!keys) {
      // jose is an ES module only: import() loads it from either build, and only when a first assertion comes.
      keys = import("jose").then((jose) =>
        typeof issuer.jwks === "string"
          ? jose.createRemoteJWKSet(new URL(issuer.jwks), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 })
          : jose.createLocalJWKSet(issuer.jwks as Parameters<typeof jose.createLocalJWKSet>[0]),
      );
      // A set that cannot be made (a malformed JWK) is tried again next time, and said so each time.
      keys.catch(() => this.keys.delete(issuer.issuerUrl));
      this.keys.set(issuer.issuerUrl, keys);
    }
    return keys;
  }

  /** The user an assertion stands for, once every check passes. */
  async verify(assertion: string, authorized: readonly AuthorizedIssuer[], now: number): Promise<User> {
    const jose = await import("jose");
    let unverified: JWTPayload;
    try {
      unverified = jose.decodeJwt(assertion);
    } catch {
      throw invalid("the assertion is not a JWT: three base64url parts, a JSON header and JSON claims, signed by a trusted token issuer");
    }
    const iss = typeof unverified.iss === "string" ? unverified.iss : undefined;
    const issuer = iss === undefined ? undefined : this.issuers.get(iss);
    if (!issuer) throw invalid(iss === undefined ? "the assertion has no iss claim: it must name its trusted token issuer" : `the assertion's issuer ${JSON.stringify(iss)} is not a trusted token issuer of this instance`);
    const grant = authorized.find((a) => a.issuerUrl === iss);
    if (!grant) throw invalid(`the application does not trust the issuer ${JSON.stringify(iss)}: add it to the application's jwtBearer grant (authorizedTokenIssuers)`);

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jose.jwtVerify(assertion, await this.keysOf(issuer), {
        issuer: iss,
        audience: grant.authorizedAudiences,
        algorithms: ALGORITHMS,
        requiredClaims: ["exp", "aud"],
        currentDate: new Date(now),
      }));
    } catch (e) {
      throw invalid(this.why(e, unverified, iss!));
    }
    const path = issuer.claimAttributePath ?? "email";
    const attribute = issuer.identityStoreAttributePath ?? "emails.value";
    const value = claimAt(claims, path);
    if (value === undefined) throw invalid(`the assertion has no ${path} claim (the issuer's claimAttributePath) to find its user by`);
    const user = this.users.byAttribute(attribute, value);
    if (!user) throw invalid(`no user has ${attribute} ${JSON.stringify(value)} (the assertion's ${path}); add one to users`);
    return user;
  }

  /** What a jose failure means for the caller, by its code; jose's own message where it is not one of these. */
  private why(e: unknown, claims: JWTPayload, iss: string): string {
    const error = e as { code?: string; claim?: string; reason?: string; message?: string };
    switch (error.code) {
      case "ERR_JWT_EXPIRED":
        return `the assertion expired at ${when(claims.exp)}; get a new one from the issuer`;
      case "ERR_JWT_CLAIM_VALIDATION_FAILED":
        if (error.reason === "missing") return `the assertion has no ${error.claim} claim, which it must have`;
        if (error.claim === "aud") return `the assertion's aud is not an audience the application accepts from ${iss} (authorizedAudiences)`;
        if (error.claim === "nbf") return `the assertion is not valid before ${when(claims.nbf)}`;
        return `the assertion's ${error.claim} claim is not acceptable`;
      case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      case "ERR_JWKS_NO_MATCHING_KEY":
        return `the assertion's signature does not verify with the keys of ${iss} (its jwks)`;
      case "ERR_JOSE_ALG_NOT_ALLOWED":
        return `the assertion is not signed with a public-key algorithm (${ALGORITHMS.join(", ")})`;
      case "ERR_JWKS_TIMEOUT":
        return `the keys of ${iss} could not be fetched in time from its jwks URL`;
      default:
        return `the assertion could not be verified: ${String(error.message ?? e).slice(0, 200)}`;
    }
  }
}
