/** Attempts per call, the first included. */
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_RETRY_MODE = "standard";
/** Back-off base for transient and server errors, ms. */
export const RETRY_DELAY_BASE = 100;
/** Back-off base after throttling, ms. */
export const THROTTLING_RETRY_DELAY_BASE = 1000;
/** No back-off, and no `Retry-After` hint, makes the client wait longer than this, ms. */
export const MAXIMUM_RETRY_DELAY = 20_000;
/** Size of the retry quota (token bucket) a strategy starts with. */
export const INITIAL_RETRY_TOKENS = 500;
/** Tokens a retry takes from the quota. */
export const RETRY_COST = 5;
/** Tokens a retry after a timeout takes: timeouts are costlier for a struggling service. */
export const TIMEOUT_RETRY_COST = 10;
/** Tokens a call that succeeds at its first attempt gives back. */
export const NO_RETRY_INCREMENT = 1;
/** The same on every attempt of one call, so the service can tell retries from new calls. */
export const INVOCATION_ID_HEADER = "amz-sdk-invocation-id";
/** `attempt=N; max=M` on each attempt. */
export const REQUEST_HEADER = "amz-sdk-request";
