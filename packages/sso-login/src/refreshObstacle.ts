import type { CachedToken } from "./tokenCache";

/** A cached token is refreshed once it expires within this long, ms (the AWS SDK for JavaScript's window). */
export const REFRESH_WINDOW = 5 * 60 * 1000;

/**
 * Why a cached token cannot be renewed with `CreateToken` (`grant_type=refresh_token`) at `now`: no refresh
 * token, no client registration, or one that has expired. Undefined when it can be.
 */
export function refreshObstacle(token: CachedToken, now: number): string | undefined {
  if (!token.refreshToken) return "it has no refresh token";
  if (!token.clientId || !token.clientSecret) return "it has no client registration";
  if (token.registrationExpiresAt && !(Date.parse(token.registrationExpiresAt) > now)) return "its client registration has expired";
  return undefined;
}
