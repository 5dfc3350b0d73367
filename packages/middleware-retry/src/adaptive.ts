export { AdaptiveRetryStrategy, type AdaptiveRetryStrategyOptions } from "./AdaptiveRetryStrategy";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./createRateLimiter";
