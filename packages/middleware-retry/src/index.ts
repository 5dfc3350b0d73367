export { retryMiddleware, retryMiddlewareOptions, getRetryPlugin } from "./retryMiddleware";
export {
  resolveRetryConfig,
  type RetryInputConfig,
  type RetryResolvedConfig,
  type RetryMode,
  type LegacyRetryStrategy,
} from "./resolveRetryConfig";
export { StandardRetryStrategy, type RetryStrategyOptions } from "./StandardRetryStrategy";
export { RetryRefusedError } from "./RetryRefusedError";
export { retryErrorInfo } from "./retryErrorInfo";
export { parseRetryAfter } from "./parseRetryAfter";
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_MODE,
  RETRY_DELAY_BASE,
  THROTTLING_RETRY_DELAY_BASE,
  MAXIMUM_RETRY_DELAY,
  INITIAL_RETRY_TOKENS,
  RETRY_COST,
  TIMEOUT_RETRY_COST,
  NO_RETRY_INCREMENT,
  INVOCATION_ID_HEADER,
  REQUEST_HEADER,
} from "./constants";
export { TRANSIENT_STATUS_CODES, THROTTLING_ERROR_NAMES, TRANSIENT_ERROR_CODES } from "./retryableErrors";
