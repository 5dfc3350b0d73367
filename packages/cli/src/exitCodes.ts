/** The CLI's exit codes: one per kind of failure, so scripts can branch on them. */
export const EXIT = {
  OK: 0,
  /** A bug or an error of no other kind. */
  UNEXPECTED: 1,
  /** Bad command line: unknown command or flag, missing or malformed value. */
  USAGE: 2,
  /** The user denied the sign-in. */
  DENIED: 3,
  /** The sign-in request expired before it was approved. */
  EXPIRED: 4,
  /** The service could not be reached: network error or timeout. */
  NETWORK: 5,
  /** The service refused: an SSO OIDC exception other than denied or expired. */
  SERVICE: 6,
  /** The token cache could not be read or written. */
  CACHE: 7,
  /** No usable cached token, and none can be had without signing in again. */
  LOGIN_REQUIRED: 8,
  /** Interrupted (Ctrl-C). */
  INTERRUPTED: 130,
} as const;
