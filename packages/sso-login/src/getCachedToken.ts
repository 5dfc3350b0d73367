import type { TokenIdentityProvider } from "@smithy/types";
import { CreateTokenCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { ServiceException, systemClock, type Clock } from "@ssokit/core";
import { checkTokenAnswer } from "./checkTokenAnswer";
import type { CommandSender } from "./deviceLogin";
import { LoginRequiredError } from "./errors/LoginRequiredError";
import { lockCacheFile } from "./lockCacheFile";
import { TokenCacheError } from "./errors/TokenCacheError";
import { readSsoConfig } from "./readSsoConfig";
import { refreshObstacle, REFRESH_WINDOW } from "./refreshObstacle";
import { cacheFile, formatExpiry, readCachedToken, writeCachedToken, type CacheKey, type CachedToken } from "./tokenCache";

export { REFRESH_WINDOW };

export interface GetCachedTokenOptions extends CacheKey {
  /**
   * Without `sessionName` or `startUrl`: the profile of the AWS config whose SSO session's token to use, as the AWS
   * SDKs' SSO token provider finds it. @default `AWS_PROFILE`, else `default`
   */
  profile?: string;
  /** Without `sessionName` or `startUrl`: an `[sso-session NAME]` of the AWS config. @default none */
  ssoSession?: string;
  /** The AWS config file for `profile` and `ssoSession`. @default `AWS_CONFIG_FILE`, else ~/.aws/config */
  configFile?: string;
  /** Sends the refresh (`CreateToken` with `grant_type=refresh_token`). @default an `SSOOIDCClient` for the token's region */
  client?: CommandSender;
  /** The SSO OIDC endpoint for the default client, instead of the region's. @default none */
  endpoint?: string;
  /** Refresh once the token expires within this many ms. @default 300000 (5 minutes) */
  refreshWindow?: number;
  /** Refresh even a token that is not due. @default false */
  force?: boolean;
  /** @default the system clock */
  clock?: Clock;
  /** Stops the refresh in flight, or the wait for another process's. */
  signal?: AbortSignal;
  /**
   * A refresh holds `<cache file>.lock`; another process's lock older than this is taken over, ms (one of a process
   * that has ended, at once). @default 60000
   */
  lockStaleAfter?: number;
}

export interface CachedTokenResult {
  token: CachedToken;
  file: string;
  expiresAt: Date;
  /** Whether this call refreshed the token (and saved the new one, unless `saveError` says otherwise). */
  refreshed: boolean;
  /** Set when a refresh was due but failed, and `token` is the old one, still valid until `expiresAt`. */
  refreshError?: unknown;
  /**
   * Set when the token was refreshed but could not be saved (`CacheWriteFailed`, naming the file): `token` is the
   * new one and valid, but the file still holds the old one, whose refresh token the service may have used up.
   */
  saveError?: TokenCacheError;
}

const inFlight = new Map<string, Promise<CachedTokenResult>>();

/**
 * A valid token from the AWS CLI's cache (the file of `sessionName` or `startUrl`, or of the SSO session that a
 * profile of the AWS config names): the cached one while it is more than `refreshWindow` from expiry, else
 * a new one got with its refresh token and saved back (atomically, like every write to the cache), as the AWS
 * CLI and SDKs do. Calls in one process for the same file share one read and at most one refresh. Across
 * processes, refreshes of one file take turns under a lock file next to it, and a process that waited uses the
 * token the one before it saved; a refresh that fails because a process that does not lock (another tool) used
 * the refresh token first also returns the token that process saved.
 */
export function getCachedToken(options: GetCachedTokenOptions): Promise<CachedTokenResult> {
  if (options.sessionName === undefined && options.startUrl === undefined) {
    // Named by the AWS config: the session of the profile (or the start URL of a legacy one), read afresh each time.
    // cacheFile takes the session name first; a legacy profile has none, and its token is under its start URL.
    return readSsoConfig(options).then(({ sessionName, startUrl }) => getCachedToken({ ...options, sessionName, startUrl }));
  }
  const file = cacheFile(options);
  let running = inFlight.get(file);
  if (!running) {
    running = resolveToken(file, options).finally(() => inFlight.delete(file));
    inFlight.set(file, running);
  }
  return running;
}

function expiryOf(token: CachedToken, file: string): number {
  const at = Date.parse(token.expiresAt);
  if (Number.isNaN(at)) throw new TokenCacheError("CorruptCacheFile", file, `The token cache file ${file} has no valid expiresAt; delete it or log in again.`);
  return at;
}

/** The result for `token`, valid until `at`. */
function resultOf(file: string, token: CachedToken, at: number, refreshed: boolean, refreshError?: unknown): CachedTokenResult {
  const result: CachedTokenResult = { token, file, expiresAt: new Date(at), refreshed };
  if (refreshError !== undefined) result.refreshError = refreshError;
  return result;
}

async function resolveToken(file: string, options: GetCachedTokenOptions): Promise<CachedTokenResult> {
  const clock = options.clock ?? systemClock;
  const token = await readCachedToken(file);
  if (!token) throw new LoginRequiredError("NoCachedToken", file, `No cached token in ${file}; sign in first (sso-oidc login).`);
  const expiresAt = expiryOf(token, file);
  if (!options.force && expiresAt - clock.now() > (options.refreshWindow ?? REFRESH_WINDOW)) return resultOf(file, token, expiresAt, false);

  const obstacle = refreshObstacle(token, clock.now());
  if (obstacle) {
    const valid = expiresAt > clock.now();
    if (valid && !options.force) return resultOf(file, token, expiresAt, false);
    const state = valid ? `expires at ${token.expiresAt}` : `expired at ${token.expiresAt}`;
    throw new LoginRequiredError(valid ? "CannotRefresh" : "TokenExpired", file, `The cached token in ${file} ${state} and cannot be refreshed: ${obstacle}. Sign in again (sso-oidc login).`);
  }

  // A refresh is due. Across processes, one refreshes a file at a time (refresh tokens work once): a process that
  // waited for the lock finds the token the one before it saved, and uses it.
  const release = await lockCacheFile(file, { staleAfter: options.lockStaleAfter, signal: options.signal });
  try {
    const current = release ? await readCachedToken(file) : token;
    if (!current) throw new LoginRequiredError("NoCachedToken", file, `No cached token in ${file} any more (signed out meanwhile); sign in first (sso-oidc login).`);
    if (current.accessToken !== token.accessToken) {
      const at = expiryOf(current, file);
      if (at > clock.now()) return resultOf(file, current, at, false);
    }
    return await refresh(file, current, options, clock);
  } finally {
    await release?.();
  }
}

/** Refreshes `token` with its refresh token and saves the new one; see getCachedToken for what happens when that fails. */
async function refresh(file: string, token: CachedToken, options: GetCachedTokenOptions, clock: Clock): Promise<CachedTokenResult> {
  const { clientId, clientSecret, refreshToken } = token;
  const expiresAt = expiryOf(token, file);
  const valid = (at: number) => at > clock.now();
  const client = options.client ?? new SSOOIDCClient({ region: token.region, endpoint: options.endpoint, clock });
  let answer;
  try {
    answer = await client.send(new CreateTokenCommand({ clientId: clientId!, clientSecret: clientSecret!, grantType: "refresh_token", refreshToken }), {
      abortSignal: options.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === "AbortError") throw e;
    // A process that does not take the lock (an older one, another tool) may have refreshed first, using up the
    // refresh token: its token is in the file now.
    const current = await readCachedToken(file).catch(() => undefined);
    if (current && current.refreshToken !== refreshToken) {
      const at = Date.parse(current.expiresAt);
      if (valid(at)) return resultOf(file, current, at, false);
    }
    if (valid(expiresAt) && !options.force) return resultOf(file, token, expiresAt, false, e);
    if (ServiceException.isInstance(e)) {
      throw new LoginRequiredError("RefreshFailed", file, `The cached token in ${file} could not be refreshed (${(e as Error).name}). Sign in again (sso-oidc login).`, { cause: e });
    }
    throw e;
  } finally {
    if (!options.client) (client as SSOOIDCClient).destroy();
  }

  // The service has answered, and may have used up the cached refresh token: from here on, what it gave is kept.
  let checked;
  try {
    checked = checkTokenAnswer(answer);
  } catch (e) {
    // An answer that cannot be used may still carry the rotated refresh token: keep it, so a later refresh works.
    const rotated = answer?.refreshToken;
    if (typeof rotated === "string" && rotated && rotated !== refreshToken) await writeCachedToken(file, { ...token, refreshToken: rotated }).catch(() => {});
    if (valid(expiresAt) && !options.force) return resultOf(file, token, expiresAt, false, e);
    throw e;
  }
  const at = clock.now() + checked.expiresIn * 1000;
  const fresh: CachedToken = { ...token, accessToken: checked.accessToken, expiresAt: formatExpiry(new Date(at)), refreshToken: checked.refreshToken ?? refreshToken };
  try {
    await writeCachedToken(file, fresh);
  } catch (e) {
    // Not saved, but valid: the caller gets it, with the reason, rather than an error and a dead refresh token.
    return { ...resultOf(file, fresh, at, true), saveError: e as TokenCacheError };
  }
  return resultOf(file, fresh, at, true);
}

/**
 * A bearer-token identity provider (the `token` setting of AWS SDK v3 clients that take one) over the AWS CLI's
 * cache: each call returns the cached token, refreshed as `getCachedToken` does, with its expiry, so the SDK asks
 * again before it runs out.
 */
export const fromCachedToken =
  (options: GetCachedTokenOptions): TokenIdentityProvider =>
  async () => {
    const { token, expiresAt } = await getCachedToken(options);
    return { token: token.accessToken, expiration: expiresAt };
  };
