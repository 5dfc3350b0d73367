import type { RetryErrorInfo, StandardRetryToken } from "@smithy/types";
import { MAXIMUM_RETRY_DELAY, RETRY_COST, RETRY_DELAY_BASE, THROTTLING_RETRY_DELAY_BASE, TIMEOUT_RETRY_COST } from "./constants";
import { RetryRefusedError } from "./RetryRefusedError";
import { retryToken } from "./retryToken";
import type { RetryStrategyOptions } from "./StandardRetryStrategy";

/**
 * The standard retry decision after a failed attempt: refuse a client error, the last attempt, a negative custom
 * back-off or an empty quota; otherwise take the retry's cost from the quota and wait a full-jitter exponential
 * back-off (or the custom one), at least the service's `Retry-After`, never more than 20 s.
 */
export function nextRetryToken(
  quota: { availableCapacity: number },
  previous: StandardRetryToken,
  info: RetryErrorInfo,
  maxAttempts: number,
  options: RetryStrategyOptions,
): StandardRetryToken {
  const count = previous.getRetryCount();
  const cost = info.error?.name === "TimeoutError" ? TIMEOUT_RETRY_COST : RETRY_COST;
  if (info.errorType === "CLIENT_ERROR") throw new RetryRefusedError("not-retryable");
  if (count + 1 >= maxAttempts) throw new RetryRefusedError("max-attempts");
  const custom = options.customBackoff?.(count, info.error as Error | undefined);
  if (custom !== undefined && custom < 0) throw new RetryRefusedError("not-retryable");
  if (quota.availableCapacity < cost) throw new RetryRefusedError("quota-exhausted");
  quota.availableCapacity -= cost;
  const base = options.base ?? (info.errorType === "THROTTLING" ? THROTTLING_RETRY_DELAY_BASE : RETRY_DELAY_BASE);
  const backoff = custom ?? Math.floor((options.random ?? Math.random)() * Math.min(MAXIMUM_RETRY_DELAY, base * 2 ** count));
  const hinted = info.retryAfterHint ? info.retryAfterHint.getTime() - (options.now ?? Date.now)() : 0;
  return retryToken(count + 1, Math.min(Math.max(backoff, hinted), MAXIMUM_RETRY_DELAY), cost);
}
