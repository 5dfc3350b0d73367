import { AuthorizationCodes, type AuthorizeAnswer, type AuthorizeRequest } from "./AuthorizationCodes";
import type { Caller, SigningKey } from "./checkSignature";
import { normalizeUserCode, secret, userCode as newUserCode } from "./codes";
import { ServiceError } from "./errors";
import { TokenStore } from "./TokenStore";
import { optionalString, optionalStrings, requiredString, type Input } from "./input";
import { IamGrants } from "./IamGrants";
import { redirectUriAcceptable, type IamOptions } from "./iamOptions";
import type { User } from "./UserDirectory";

/** Time as the service sees it: milliseconds since the epoch. Injected so tests move time instead of waiting. */
export interface ServiceClock {
  now(): number;
}

export interface OidcServiceOptions extends IamOptions {
  /** @default Date.now */
  clock?: ServiceClock;
  /** Seconds a device code stays valid. @default 600 */
  deviceCodeTtl?: number;
  /** Seconds a client must wait between polls, before any slow-down. @default 1 */
  interval?: number;
  /** Seconds an access token is valid. @default 3600 */
  accessTokenTtl?: number;
  /** Seconds a client secret is valid. @default 7776000 (90 days) */
  clientSecretTtl?: number;
  /** Seconds a refresh token is valid, if it is not used first. @default 7776000 (90 days) */
  refreshTokenTtl?: number;
  /** Registered clients held at most (expired ones are dropped); RegisterClient beyond it is refused. @default 10000 */
  maxClients?: number;
  /**
   * Grants in progress held at most: device authorizations and authorization requests not yet expired, and issued
   * authorization codes; starting another beyond it is refused. @default 10000
   */
  maxAuthorizations?: number;
  /** Refresh tokens held at most (and as many of applications'); beyond it the oldest is dropped, as if it had expired. @default 100000 */
  maxRefreshTokens?: number;
  /** Access tokens of applications held at most, for the token exchange grant; beyond it the oldest is dropped, as if it had expired. @default 100000 */
  maxAccessTokens?: number;
}

/** What the service holds, by kind: each is dropped once expired (see `sweep`), and capped. */
export interface ServiceStats {
  clients: number;
  deviceAuthorizations: number;
  authorizationRequests: number;
  authorizationCodes: number;
  refreshTokens: number;
  /** Access tokens CreateTokenWithIAM issued, held for the token exchange grant. */
  applicationAccessTokens: number;
  /** Refresh tokens CreateTokenWithIAM issued. */
  applicationRefreshTokens: number;
}

interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  /** The grants the client registered for; none listed means the device code and refresh token grants. */
  grantTypes?: string[];
  redirectUris: string[];
  issuedAt: number;
  secretExpiresAt: number;
}

const GRANT_TYPES = new Set(["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:device-code"]);

/** Where a user code stands, for a verification page opened again. */
export type AuthorizationState = "pending" | "approved" | "denied" | "redeemed";

interface Authorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  clientName: string;
  scopes: string[];
  expiresAt: number;
  interval: number;
  lastPollAt?: number;
  state: AuthorizationState;
}

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** What a person sees about a pending authorization on the verification page. */
export interface PendingAuthorization {
  userCode: string;
  clientName: string;
  /** The scopes the client registered for: what approving lets it use. */
  scopes: string[];
  expiresAt: number;
}


/**
 * The SSO OIDC service's behaviour, apart from HTTP: client registration, the device authorization grant of
 * RFC 8628 (pending, slow-down, approval, denial, expiry, one-time device codes), the authorization code grant
 * with PKCE (see AuthorizationCodes) and refresh-token rotation.
 */
export class OidcService {
  private readonly clock: ServiceClock;
  /** How long a device code (and the page form that approves it) is valid, seconds. */
  readonly deviceCodeTtl: number;
  private readonly interval: number;
  private readonly accessTokenTtl: number;
  private readonly clientSecretTtl: number;
  private readonly refreshTokenTtl: number;
  private readonly maxClients: number;
  private readonly maxAuthorizations: number;
  private readonly maxRefreshTokens: number;
  // Private (#), or in a TokenStore, where the keys or values are secrets (client secrets, device codes, refresh
  // tokens): inspect() of the service does not show them.
  readonly #clients = new Map<string, RegisteredClient>();
  readonly #byDeviceCode = new Map<string, Authorization>();
  readonly #byUserCode = new Map<string, Authorization>();
  private readonly refreshTokens: TokenStore<{ clientId: string; expiresAt: number }>;
  private readonly authorizationCodes: AuthorizationCodes;
  /** CreateTokenWithIAM: applications, users, trusted token issuers and the IAM credentials that may call it. */
  private readonly iam: IamGrants;

  constructor(options: OidcServiceOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.deviceCodeTtl = options.deviceCodeTtl ?? 600;
    this.interval = options.interval ?? 1;
    this.accessTokenTtl = options.accessTokenTtl ?? 3600;
    this.clientSecretTtl = options.clientSecretTtl ?? 90 * 24 * 3600;
    this.refreshTokenTtl = options.refreshTokenTtl ?? 90 * 24 * 3600;
    this.maxClients = options.maxClients ?? 10_000;
    this.maxAuthorizations = options.maxAuthorizations ?? 10_000;
    this.maxRefreshTokens = options.maxRefreshTokens ?? 100_000;
    this.refreshTokens = new TokenStore(this.maxRefreshTokens);
    this.authorizationCodes = new AuthorizationCodes(this.clock, this.deviceCodeTtl, 600, () => this.fullOfAuthorizations());
    this.iam = new IamGrants({
      ...options,
      clock: this.clock,
      accessTokenTtl: this.accessTokenTtl,
      refreshTokenTtl: this.refreshTokenTtl,
      maxRefreshTokens: this.maxRefreshTokens,
      maxAccessTokens: options.maxAccessTokens ?? 100_000,
      authorizationCodes: this.authorizationCodes,
    });
  }

  /** Why no grant can start now (the service holds `maxAuthorizations`), or undefined: a clear answer, not unbounded memory. */
  private fullOfAuthorizations(): string | undefined {
    const held = this.#byDeviceCode.size + this.authorizationCodes.size();
    if (held < this.maxAuthorizations) return undefined;
    return `the local service holds ${held} grants in progress, its limit (maxAuthorizations); finish some or let them expire, or raise the limit`;
  }

  /**
   * Drops what has expired: clients whose secret has expired, device authorizations and authorization requests
   * and codes past their lifetime, refresh tokens past theirs or of a client that is gone. The server calls it on a
   * timer; what it drops could no longer be used anyway.
   */
  sweep(): void {
    const now = this.clock.now();
    for (const [id, client] of this.#clients) if (client.secretExpiresAt * 1000 <= now) this.#clients.delete(id);
    for (const [code, a] of this.#byDeviceCode) {
      if (a.expiresAt > now) continue;
      this.#byDeviceCode.delete(code);
      if (this.#byUserCode.get(a.userCode) === a) this.#byUserCode.delete(a.userCode);
    }
    this.refreshTokens.sweep(now, (grant) => this.#clients.has(grant.clientId));
    this.authorizationCodes.sweep();
    this.iam.sweep(now);
  }

  /** How much the service holds now. */
  stats(): ServiceStats {
    return {
      clients: this.#clients.size,
      deviceAuthorizations: this.#byDeviceCode.size,
      ...this.authorizationCodes.stats(),
      refreshTokens: this.refreshTokens.size,
      ...this.iam.stats(),
    };
  }

  private seconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  registerClient(input: Input) {
    const clientName = requiredString(input, "clientName");
    const clientType = requiredString(input, "clientType");
    if (clientType !== "public") throw new ServiceError("InvalidClientMetadataException", `clientType must be "public", not ${JSON.stringify(clientType)}`);
    const scopes = optionalStrings(input, "scopes") ?? [];
    const grantTypes = optionalStrings(input, "grantTypes");
    const unknownGrant = grantTypes?.find((g) => !GRANT_TYPES.has(g));
    if (unknownGrant !== undefined) throw new ServiceError("InvalidClientMetadataException", `grant type ${JSON.stringify(unknownGrant)} is not one this service issues`);
    const redirectUris = optionalStrings(input, "redirectUris") ?? [];
    for (const uri of redirectUris) {
      if (!redirectUriAcceptable(uri)) {
        throw new ServiceError("InvalidRedirectUriException", `redirect URI ${JSON.stringify(uri)} must be https, or http on 127.0.0.1 or [::1]`);
      }
    }
    if (grantTypes?.includes("authorization_code") && redirectUris.length === 0) {
      throw new ServiceError("InvalidRedirectUriException", "the authorization_code grant needs at least one redirect URI");
    }
    optionalString(input, "issuerUrl");
    optionalString(input, "entitledApplicationArn");
    if (this.#clients.size >= this.maxClients) {
      throw new ServiceError("InvalidRequestException", `the local service holds ${this.#clients.size} registered clients, its limit (maxClients); reuse a registration, or raise the limit`, 429);
    }
    const issuedAt = this.seconds();
    const client: RegisteredClient = {
      clientId: secret("cid-"),
      clientSecret: secret("csec-"),
      clientName,
      scopes,
      grantTypes,
      redirectUris,
      issuedAt,
      secretExpiresAt: issuedAt + this.clientSecretTtl,
    };
    this.#clients.set(client.clientId, client);
    return { clientId: client.clientId, clientSecret: client.clientSecret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: client.secretExpiresAt };
  }

  private authenticate(input: Input): RegisteredClient {
    const clientId = requiredString(input, "clientId");
    const clientSecret = requiredString(input, "clientSecret");
    const client = this.#clients.get(clientId);
    if (!client) throw new ServiceError("InvalidClientException", "unknown client id; register the client");
    if (client.clientSecret !== clientSecret) throw new ServiceError("InvalidClientException", "the client secret does not match the client id");
    if (this.seconds() >= client.secretExpiresAt) throw new ServiceError("InvalidClientException", "the client secret has expired; register the client again");
    return client;
  }

  /** Refuses a grant the client did not register for (clients that listed none get the device code and refresh grants). */
  private allow(client: RegisteredClient, grant: "authorization_code" | "refresh_token" | "device_code") {
    const granted = client.grantTypes
      ? client.grantTypes.some((g) => g === grant || (grant === "device_code" && g.startsWith("urn:ietf:params:oauth:grant-type:device")))
      : grant !== "authorization_code";
    if (!granted) throw new ServiceError("UnauthorizedClientException", `the client is not registered for the ${grant} grant`);
  }

  startDeviceAuthorization(input: Input, verificationUri: string) {
    const client = this.authenticate(input);
    this.allow(client, "device_code");
    const startUrl = requiredString(input, "startUrl");
    if (!/^https?:\/\/\S+$/.test(startUrl)) throw new ServiceError("InvalidRequestException", "startUrl must be an http(s) URL");
    const full = this.fullOfAuthorizations();
    if (full) throw new ServiceError("InvalidRequestException", full, 429);
    let userCode = newUserCode();
    while (this.#byUserCode.has(userCode)) userCode = newUserCode();
    const authorization: Authorization = {
      deviceCode: secret("dc-"),
      userCode,
      clientId: client.clientId,
      clientName: client.clientName,
      scopes: client.scopes,
      expiresAt: this.clock.now() + this.deviceCodeTtl * 1000,
      interval: this.interval * 1000,
      state: "pending",
    };
    this.#byDeviceCode.set(authorization.deviceCode, authorization);
    this.#byUserCode.set(userCode, authorization);
    return {
      deviceCode: authorization.deviceCode,
      userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
      expiresIn: this.deviceCodeTtl,
      interval: this.interval,
    };
  }

  createToken(input: Input) {
    const client = this.authenticate(input);
    const grantType = requiredString(input, "grantType");
    optionalStrings(input, "scope");
    // The AWS documentation's example spells the grant "device-code"; RFC 8628 says "device_code". Both work.
    if (grantType === DEVICE_CODE_GRANT || grantType === "urn:ietf:params:oauth:grant-type:device-code") {
      this.allow(client, "device_code");
      return this.redeemDeviceCode(client, input);
    }
    if (grantType === "refresh_token") {
      this.allow(client, "refresh_token");
      return this.refresh(client, input);
    }
    if (grantType === "authorization_code") {
      this.allow(client, "authorization_code");
      this.authorizationCodes.redeem(client.clientId, requiredString(input, "code"), optionalString(input, "redirectUri"), optionalString(input, "codeVerifier"));
      return this.issue(client);
    }
    throw new ServiceError("UnsupportedGrantTypeException", `grant type ${JSON.stringify(grantType)} is not supported here; use ${DEVICE_CODE_GRANT}, authorization_code or refresh_token`);
  }

  private redeemDeviceCode(client: RegisteredClient, input: Input) {
    const deviceCode = requiredString(input, "deviceCode");
    const authorization = this.#byDeviceCode.get(deviceCode);
    if (!authorization || authorization.clientId !== client.clientId) throw new ServiceError("InvalidGrantException", "unknown device code");
    if (authorization.state === "redeemed") throw new ServiceError("InvalidGrantException", "the device code has already been used");
    const now = this.clock.now();
    if (now >= authorization.expiresAt) throw new ServiceError("ExpiredTokenException", "the device code has expired; start a new device authorization");
    if (authorization.state === "denied") throw new ServiceError("AccessDeniedException", "the user denied the authorization request");
    if (authorization.state === "pending") {
      const tooSoon = authorization.lastPollAt !== undefined && now - authorization.lastPollAt < authorization.interval;
      authorization.lastPollAt = now;
      if (tooSoon) {
        // RFC 8628 §3.5: the interval grows by 5 seconds for this and every later request.
        authorization.interval += 5000;
        throw new ServiceError("SlowDownException", `polling faster than every ${authorization.interval / 1000 - 5} s; wait ${authorization.interval / 1000} s between polls`);
      }
      throw new ServiceError("AuthorizationPendingException", "the user has not yet approved the authorization request");
    }
    // Kept until it expires: the verification link, opened again, says the code was approved and used.
    authorization.state = "redeemed";
    return this.issue(client);
  }

  private refresh(client: RegisteredClient, input: Input) {
    const refreshToken = requiredString(input, "refreshToken");
    const grant = this.refreshTokens.get(refreshToken, this.clock.now());
    if (!grant || grant.clientId !== client.clientId) throw new ServiceError("InvalidGrantException", "unknown, expired or already used refresh token");
    // Rotation: a refresh token works once.
    this.refreshTokens.delete(refreshToken);
    return this.issue(client);
  }

  private issue(client: RegisteredClient) {
    const refreshToken = secret("aor-");
    this.refreshTokens.add(refreshToken, { clientId: client.clientId, expiresAt: this.clock.now() + this.refreshTokenTtl * 1000 });
    return { accessToken: secret("aoa-"), tokenType: "Bearer", expiresIn: this.accessTokenTtl, refreshToken };
  }

  /**
   * Answers `GET /authorize` (the authorization code grant) for a registered client or an application (by ARN): a
   * consent request, a redirect with an error, or an error page.
   */
  authorize(params: URLSearchParams): AuthorizeAnswer {
    const clientId = params.get("client_id") ?? "";
    return this.authorizationCodes.begin(this.#clients.get(clientId) ?? this.iam.authorizingClient(clientId), params);
  }

  /** The consent request waiting under `requestId`, while it can be answered. */
  authorizationRequest(requestId: string): AuthorizeRequest | undefined {
    return this.authorizationCodes.pending(requestId);
  }

  /**
   * The user's decision on a consent request: the redirect back to the client, or undefined for an unknown or
   * expired request. `user` is who signed in, where the request asks for one (an application's).
   */
  decideAuthorization(requestId: string, approve: boolean, user?: User): { redirect: string } | undefined {
    return this.authorizationCodes.decide(requestId, approve, user?.userId);
  }

  /** The user who typed `typed` (a user name or an email) to sign in, or undefined. */
  signIn(typed: string): User | undefined {
    return this.iam.users.signIn(typed);
  }

  /** The user scripts sign in as when they name nobody: the first of `users`. */
  firstUser(): User | undefined {
    return this.iam.users.first();
  }

  /** The key a SigV4 signature by `accessKeyId` is checked against, if these are credentials of `iamCredentials`. */
  signingKey(accessKeyId: string): SigningKey | undefined {
    return this.iam.signingKey(accessKeyId);
  }

  /** CreateTokenWithIAM, for a caller whose signature passed (see IamGrants); `endpoint` is this service's URL. */
  createTokenWithIAM(input: Input, caller: Caller, endpoint: string) {
    return this.iam.createTokenWithIAM(input, caller, endpoint);
  }

  /** The public keys id tokens are signed with, as a JWK set. */
  idTokenJwks() {
    return this.iam.idTokenJwks();
  }

  /** The authorization a user code stands for, while it can still be approved or denied. */
  pending(userCode: string): PendingAuthorization | undefined {
    const a = this.#byUserCode.get(normalizeUserCode(userCode));
    if (!a || a.state !== "pending" || this.clock.now() >= a.expiresAt) return undefined;
    return { userCode: a.userCode, clientName: a.clientName, scopes: a.scopes, expiresAt: a.expiresAt };
  }

  /** Where a user code stands until it expires (pending, approved, denied, or approved and used); undefined after. */
  state(userCode: string): AuthorizationState | undefined {
    const a = this.#byUserCode.get(normalizeUserCode(userCode));
    return a && this.clock.now() < a.expiresAt ? a.state : undefined;
  }

  /** User codes waiting for a decision, oldest first. */
  pendingUserCodes(): string[] {
    return [...this.#byUserCode.values()].filter((a) => this.pending(a.userCode)).map((a) => a.userCode);
  }

  /** Approves (or denies) a pending authorization; false when the code is unknown, decided or expired. */
  decide(userCode: string, approve: boolean): boolean {
    const pending = this.pending(userCode);
    if (!pending) return false;
    this.#byUserCode.get(pending.userCode)!.state = approve ? "approved" : "denied";
    return true;
  }
}
