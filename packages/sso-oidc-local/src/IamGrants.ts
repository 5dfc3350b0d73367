import { AssertionVerifier } from "./AssertionVerifier";
import type { AuthorizationCodes, AuthorizingClient } from "./AuthorizationCodes";
import type { Caller, SigningKey } from "./checkSignature";
import { secret } from "./codes";
import { ServiceError } from "./errors";
import { optionalStrings, type Input } from "./input";
import { APPLICATION_ARN, checkIamOptions, type IamCredentials, type IamOptions, type LocalApplication } from "./iamOptions";
import { IdTokens } from "./IdTokens";
import { TokenStore } from "./TokenStore";
import { UserDirectory, type User } from "./UserDirectory";

const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
export const REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";

/** The scopes every application has (the model: what IAM Identity Center grants when none are asked for). */
const DEFAULT_SCOPES = ["openid", "aws", "sts:identity_context"];

export interface IamGrantsOptions extends IamOptions {
  clock: { now(): number };
  /** Seconds an access token (and an id token) is valid. */
  accessTokenTtl: number;
  /** Seconds a refresh token is valid, if it is not used first. */
  refreshTokenTtl: number;
  /** Refresh tokens held at most; beyond it the oldest is dropped. */
  maxRefreshTokens: number;
  /** Access tokens held (for the token exchange grant) at most; beyond it the oldest is dropped. */
  maxAccessTokens: number;
  /** The authorization code grant's requests and codes, shared with the registered clients'. */
  authorizationCodes: AuthorizationCodes;
}

/** What a token stands for. */
interface Grant {
  applicationArn: string;
  userId: string;
  scopes: string[];
  authTime: number;
  expiresAt: number;
}

/** A string member; `required` says when it must be there (always, or for the grant asked for). */
function str(input: Input, member: string, required: "always" | "grant"): string;
function str(input: Input, member: string): string | undefined;
function str(input: Input, member: string, required?: "always" | "grant"): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (required) throw new ServiceError("InvalidRequestException", `${member} is required${required === "grant" ? " for this grant" : ""}`);
    return undefined;
  }
  if (typeof value !== "string" || value === "") throw new ServiceError("InvalidRequestException", `${member} must be a non-empty string`);
  return value;
}

/**
 * CreateTokenWithIAM (`POST /token?aws_iam=t`) as IAM Identity Center answers it, once the signature has passed:
 * the application (`clientId`, an ARN) and the caller's right to call for it, then one of its grants:
 * - `authorization_code`: a code from `/authorize`, where one of the users signed in, with its PKCE verifier;
 * - `refresh_token`: a refresh token this service issued to the application; it works once (rotation);
 * - `urn:ietf:params:oauth:grant-type:jwt-bearer`: a JWT of a trusted token issuer (see AssertionVerifier);
 * - `urn:ietf:params:oauth:grant-type:token-exchange`: an access token this service issued to another application.
 * The answer has an access token, a refresh token where the application has that grant, `issuedTokenType`, the
 * granted `scope`, and (but for a refresh) an id token and, with `sts:identity_context`, the identity context.
 */
export class IamGrants {
  // Private (#): secret access keys and session tokens must not show in inspect() of the service.
  readonly #credentials: Map<string, IamCredentials>;
  private readonly applications: Map<string, LocalApplication>;
  readonly users: UserDirectory;
  private readonly assertions: AssertionVerifier;
  private readonly idTokens: IdTokens;
  private readonly refreshTokens: TokenStore<Grant>;
  private readonly accessTokens: TokenStore<Grant>;
  readonly region: string;
  private readonly clock: { now(): number };
  private readonly accessTokenTtl: number;
  private readonly refreshTokenTtl: number;
  private readonly authorizationCodes: AuthorizationCodes;

  /** Checks the options first (see checkIamOptions), and keeps none of them but what it needs. */
  constructor(options: IamGrantsOptions) {
    checkIamOptions(options);
    ({ clock: this.clock, accessTokenTtl: this.accessTokenTtl, refreshTokenTtl: this.refreshTokenTtl, authorizationCodes: this.authorizationCodes } = options);
    this.#credentials = new Map((options.iamCredentials ?? []).map((c) => [c.accessKeyId, { ...c }]));
    this.applications = new Map((options.applications ?? []).map((a) => [a.arn, a]));
    this.users = new UserDirectory(options.users);
    this.assertions = new AssertionVerifier(options.trustedTokenIssuers ?? [], this.users);
    this.idTokens = new IdTokens(options.identityStoreId ?? "d-0000000000");
    this.refreshTokens = new TokenStore(options.maxRefreshTokens);
    this.accessTokens = new TokenStore(options.maxAccessTokens);
    this.region = options.region ?? "us-east-1";
  }

  /** The key a signature with `accessKeyId` is checked against. */
  signingKey(accessKeyId: string): SigningKey | undefined {
    const c = this.#credentials.get(accessKeyId);
    return c && { secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
  }

  /** The public keys of the id tokens, as a JWK set. */
  idTokenJwks() {
    return this.idTokens.jwks();
  }

  /** An application as the authorization endpoint sees it, or undefined when `arn` is none (or has no authorization code grant). */
  authorizingClient(arn: string): AuthorizingClient | undefined {
    const app = this.applications.get(arn);
    if (!app?.grants.authorizationCode) return undefined;
    return { clientId: app.arn, clientName: nameOf(app), grantTypes: ["authorization_code"], redirectUris: app.grants.authorizationCode.redirectUris, scopes: scopesOf(app), signIn: true };
  }

  sweep(now: number): void {
    this.refreshTokens.sweep(now);
    this.accessTokens.sweep(now);
  }

  stats() {
    return { applicationAccessTokens: this.accessTokens.size, applicationRefreshTokens: this.refreshTokens.size };
  }

  /** Answers CreateTokenWithIAM for `caller` (whose signature passed); `endpoint` is this service's URL. */
  async createTokenWithIAM(input: Input, caller: Caller, endpoint: string) {
    if (caller.region !== this.region) {
      throw new ServiceError("InvalidRequestRegionException", `this IAM Identity Center instance is in ${this.region}, not ${caller.region}: call it there`, undefined, { endpoint, region: this.region });
    }
    const clientId = str(input, "clientId", "always");
    const app = this.applications.get(clientId);
    if (!app) throw new ServiceError("InvalidClientException", APPLICATION_ARN.test(clientId) ? "no application has this ARN here; add it to applications" : "clientId must be the ARN of an application");
    const allowed = this.#credentials.get(caller.accessKeyId)?.applications;
    if (allowed && !allowed.includes(app.arn)) throw new ServiceError("AccessDeniedException", `the credentials ${caller.accessKeyId} may not call CreateTokenWithIAM for this application`);
    const grantType = str(input, "grantType", "always");
    const requested = optionalStrings(input, "scope");
    const now = this.clock.now();
    const grant = (name: keyof LocalApplication["grants"]) => {
      if (!app.grants[name]) throw new ServiceError("UnauthorizedClientException", `the application has no ${grantType} grant`);
    };

    switch (grantType) {
      case "authorization_code": {
        grant("authorizationCode");
        const code = this.authorizationCodes.redeem(app.arn, str(input, "code", "grant"), str(input, "redirectUri"), str(input, "codeVerifier"));
        const user = code.userId === undefined ? undefined : this.users.byId(code.userId);
        if (!user) throw new ServiceError("InvalidGrantException", "the authorization code is not one of this application's");
        return this.issue(app, user, granted(requested, code.scopes), code.authTime, now, endpoint, { refresh: !!app.grants.refreshToken, identity: true });
      }
      case "refresh_token": {
        grant("refreshToken");
        const token = str(input, "refreshToken", "grant");
        const held = this.refreshTokens.get(token, now);
        const user = held && held.applicationArn === app.arn ? this.users.byId(held.userId) : undefined;
        if (!held || !user) throw new ServiceError("InvalidGrantException", "unknown, expired or already used refresh token");
        // Rotation: a refresh token works once.
        this.refreshTokens.delete(token);
        return this.issue(app, user, granted(requested, held.scopes), held.authTime, now, endpoint, { refresh: true, identity: false });
      }
      case JWT_BEARER_GRANT: {
        grant("jwtBearer");
        const user = await this.assertions.verify(str(input, "assertion", "grant"), app.grants.jwtBearer!.authorizedTokenIssuers, now);
        return this.issue(app, user, granted(requested, scopesOf(app)), now, now, endpoint, { refresh: !!app.grants.refreshToken, identity: true });
      }
      case TOKEN_EXCHANGE_GRANT: {
        grant("tokenExchange");
        const subjectToken = str(input, "subjectToken", "grant");
        if (str(input, "subjectTokenType", "grant") !== ACCESS_TOKEN_TYPE) throw new ServiceError("InvalidRequestException", `subjectTokenType must be ${ACCESS_TOKEN_TYPE}`);
        const wanted = str(input, "requestedTokenType") ?? ACCESS_TOKEN_TYPE;
        if (wanted !== ACCESS_TOKEN_TYPE && wanted !== REFRESH_TOKEN_TYPE) throw new ServiceError("InvalidRequestException", `requestedTokenType must be ${ACCESS_TOKEN_TYPE} or ${REFRESH_TOKEN_TYPE}`);
        if (wanted === REFRESH_TOKEN_TYPE) grant("refreshToken");
        const subject = this.accessTokens.get(subjectToken, now);
        const user = subject && this.users.byId(subject.userId);
        if (!subject || !user) throw new ServiceError("InvalidGrantException", "the subject token is not an unexpired access token this service issued");
        if (subject.applicationArn === app.arn) throw new ServiceError("InvalidGrantException", "the subject token must be an access token of another application");
        return this.issue(app, user, granted(requested, scopesOf(app)), subject.authTime, now, endpoint, { refresh: wanted === REFRESH_TOKEN_TYPE, identity: true });
      }
      default:
        throw new ServiceError("UnsupportedGrantTypeException", `grant type ${JSON.stringify(grantType.slice(0, 100))} is not one of CreateTokenWithIAM's: authorization_code, refresh_token, ${JWT_BEARER_GRANT}, ${TOKEN_EXCHANGE_GRANT}`);
    }
  }

  private async issue(app: LocalApplication, user: User, scopes: string[], authTime: number, now: number, endpoint: string, what: { refresh: boolean; identity: boolean }) {
    const ttl = this.accessTokenTtl;
    const accessToken = secret("aoa-");
    const held = { applicationArn: app.arn, userId: user.userId, scopes, authTime };
    this.accessTokens.add(accessToken, { ...held, expiresAt: now + ttl * 1000 });
    const refreshToken = what.refresh ? secret("aor-") : undefined;
    if (refreshToken) this.refreshTokens.add(refreshToken, { ...held, expiresAt: now + this.refreshTokenTtl * 1000 });
    const subject = { user, applicationArn: app.arn, scopes, authTime };
    // As the model's examples: a refresh answers with tokens and scopes only; the other grants add who the user is.
    const idToken = what.identity && scopes.includes("openid") ? await this.idTokens.idToken(subject, now, ttl, endpoint) : undefined;
    const identityContext = what.identity && scopes.includes("sts:identity_context") ? this.idTokens.identityContext(subject) : undefined;
    return {
      accessToken,
      tokenType: "Bearer",
      expiresIn: ttl,
      ...(refreshToken ? { refreshToken } : {}),
      ...(idToken ? { idToken } : {}),
      issuedTokenType: refreshToken ? REFRESH_TOKEN_TYPE : ACCESS_TOKEN_TYPE,
      scope: scopes,
      ...(identityContext ? { awsAdditionalDetails: { identityContext } } : {}),
    };
  }
}

const nameOf = (app: LocalApplication) => app.name ?? app.arn.slice(app.arn.lastIndexOf("/") + 1);

/** Every scope the application may be granted: the defaults and its own. */
const scopesOf = (app: LocalApplication) => [...new Set([...DEFAULT_SCOPES, ...(app.scopes ?? [])])];

/** The scopes asked for, each within `ceiling` (what the grant allows); none asked: the whole ceiling. */
function granted(requested: string[] | undefined, ceiling: readonly string[]): string[] {
  if (!requested || requested.length === 0) return [...ceiling];
  const beyond = requested.find((s) => !ceiling.includes(s));
  if (beyond !== undefined) throw new ServiceError("InvalidScopeException", `the scope ${JSON.stringify(beyond.slice(0, 100))} is not granted here; this grant allows ${ceiling.join(", ")}`);
  return [...new Set(requested)];
}
