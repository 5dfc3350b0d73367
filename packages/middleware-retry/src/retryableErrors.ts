// What the retry classification (retryErrorInfo) treats as worth another attempt.

/** HTTP statuses worth another attempt. */
export const TRANSIENT_STATUS_CODES: readonly number[] = [500, 502, 503, 504];
/** Error names that mean "slow down" at the transport level. `SlowDownException` is not one: in SSO OIDC it is
 * the device flow's answer to polling too fast (RFC 8628 §3.5), which the poller handles, not the transport. */
export const THROTTLING_ERROR_NAMES: readonly string[] = ["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"];
/** Network failures worth another attempt. `ENOTFOUND` is not one: an unknown host stays unknown. */
export const TRANSIENT_ERROR_CODES: readonly string[] = "ECONNRESET ECONNREFUSED ECONNABORTED EPIPE ETIMEDOUT EHOSTUNREACH ENETUNREACH ENETDOWN EAI_AGAIN NetworkError".split(" ");
