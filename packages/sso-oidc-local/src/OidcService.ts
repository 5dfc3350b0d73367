import { normalizeUserCode, secret, userCode as newUserCode } from "./codes";
import { ServiceError } from "./errors";

/** Time as the service sees it: milliseconds since the epoch. Injected so tests move time instead of waiting. */
export interface ServiceClock {
  now(): number;
}

export interface OidcServiceOptions {
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
}

interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  issuedAt: number;
  secretExpiresAt: number;
}

type AuthorizationState = "pending" | "approved" | "denied" | "redeemed";

interface Authorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  clientName: string;
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
  expiresAt: number;
}

type Input = Record<string, unknown>;

function requiredString(input: Input, member: string): string {
  const value = input[member];
  if (typeof value !== "string" || value === "") throw new ServiceError("InvalidRequestException", `${member} is required and must be a non-empty string`);
  return value;
}

function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ServiceError("InvalidRequestException", `${member} must be a string`);
  return value;
}

function optionalStrings(input: Input, member: string): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new ServiceError("InvalidRequestException", `${member} must be a list of strings`);
  return value as string[];
}

/**
 * The SSO OIDC service's behaviour, apart from HTTP: client registration, the device authorization grant of
 * RFC 8628 (pending, slow-down, approval, denial, expiry, one-time device codes) and refresh-token rotation.
 */
export class OidcService {
  private readonly clock: ServiceClock;
  private readonly deviceCodeTtl: number;
  private readonly interval: number;
  private readonly accessTokenTtl: number;
  private readonly clientSecretTtl: number;
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly byDeviceCode = new Map<string, Authorization>();
  private readonly byUserCode = new Map<string, Authorization>();
  private readonly refreshTokens = new Map<string, { clientId: string }>();

  constructor(options: OidcServiceOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.deviceCodeTtl = options.deviceCodeTtl ?? 600;
    this.interval = options.interval ?? 1;
    this.accessTokenTtl = options.accessTokenTtl ?? 3600;
    this.clientSecretTtl = options.clientSecretTtl ?? 90 * 24 * 3600;
  }

  private seconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  registerClient(input: Input) {
    const clientName = requiredString(input, "clientName");
    const clientType = requiredString(input, "clientType");
    if (clientType !== "public") throw new ServiceError("InvalidClientMetadataException", `clientType must be "public", not ${JSON.stringify(clientType)}`);
    const scopes = optionalStrings(input, "scopes") ?? [];
    optionalStrings(input, "grantTypes");
    optionalStrings(input, "redirectUris");
    optionalString(input, "issuerUrl");
    optionalString(input, "entitledApplicationArn");
    const issuedAt = this.seconds();
    const client: RegisteredClient = {
      clientId: secret("cid-"),
      clientSecret: secret("csec-"),
      clientName,
      scopes,
      issuedAt,
      secretExpiresAt: issuedAt + this.clientSecretTtl,
    };
    this.clients.set(client.clientId, client);
    return { clientId: client.clientId, clientSecret: client.clientSecret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: client.secretExpiresAt };
  }

  private authenticate(input: Input): RegisteredClient {
    const clientId = requiredString(input, "clientId");
    const clientSecret = requiredString(input, "clientSecret");
    const client = this.clients.get(clientId);
    if (!client) throw new ServiceError("InvalidClientException", "unknown client id; register the client");
    if (client.clientSecret !== clientSecret) throw new ServiceError("InvalidClientException", "the client secret does not match the client id");
    if (this.seconds() >= client.secretExpiresAt) throw new ServiceError("InvalidClientException", "the client secret has expired; register the client again");
    return client;
  }

  startDeviceAuthorization(input: Input, verificationUri: string) {
    const client = this.authenticate(input);
    const startUrl = requiredString(input, "startUrl");
    if (!/^https?:\/\/\S+$/.test(startUrl)) throw new ServiceError("InvalidRequestException", "startUrl must be an http(s) URL");
    let userCode = newUserCode();
    while (this.byUserCode.has(userCode)) userCode = newUserCode();
    const authorization: Authorization = {
      deviceCode: secret("dc-"),
      userCode,
      clientId: client.clientId,
      clientName: client.clientName,
      expiresAt: this.clock.now() + this.deviceCodeTtl * 1000,
      interval: this.interval * 1000,
      state: "pending",
    };
    this.byDeviceCode.set(authorization.deviceCode, authorization);
    this.byUserCode.set(userCode, authorization);
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
    if (grantType === DEVICE_CODE_GRANT || grantType === "urn:ietf:params:oauth:grant-type:device-code") return this.redeemDeviceCode(client, input);
    if (grantType === "refresh_token") return this.refresh(client, input);
    throw new ServiceError("UnsupportedGrantTypeException", `grant type ${JSON.stringify(grantType)} is not supported here; use ${DEVICE_CODE_GRANT} or refresh_token`);
  }

  private redeemDeviceCode(client: RegisteredClient, input: Input) {
    const deviceCode = requiredString(input, "deviceCode");
    const authorization = this.byDeviceCode.get(deviceCode);
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
    authorization.state = "redeemed";
    this.byUserCode.delete(authorization.userCode);
    return this.issue(client);
  }

  private refresh(client: RegisteredClient, input: Input) {
    const refreshToken = requiredString(input, "refreshToken");
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.clientId) throw new ServiceError("InvalidGrantException", "unknown or already used refresh token");
    // Rotation: a refresh token works once.
    this.refreshTokens.delete(refreshToken);
    return this.issue(client);
  }

  private issue(client: RegisteredClient) {
    const refreshToken = secret("aor-");
    this.refreshTokens.set(refreshToken, { clientId: client.clientId });
    return { accessToken: secret("aoa-"), tokenType: "Bearer", expiresIn: this.accessTokenTtl, refreshToken };
  }

  /** The authorization a user code stands for, while it can still be approved or denied. */
  pending(userCode: string): PendingAuthorization | undefined {
    const a = this.byUserCode.get(normalizeUserCode(userCode));
    if (!a || a.state !== "pending" || this.clock.now() >= a.expiresAt) return undefined;
    return { userCode: a.userCode, clientName: a.clientName, expiresAt: a.expiresAt };
  }

  /** User codes waiting for a decision, oldest first. */
  pendingUserCodes(): string[] {
    return [...this.byUserCode.values()].filter((a) => this.pending(a.userCode)).map((a) => a.userCode);
  }

  /** Approves (or denies) a pending authorization; false when the code is unknown, decided or expired. */
  decide(userCode: string, approve: boolean): boolean {
    const pending = this.pending(userCode);
    if (!pending) return false;
    this.byUserCode.get(pending.userCode)!.state = approve ? "approved" : "denied";
    return true;
  }
}
