import type { Provider, RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from "@smithy/types";
import {
  DEFAULT_MAX_ATTEMPTS,
  INITIAL_RETRY_TOKENS,
  MAXIMUM_RETRY_DELAY,
  NO_RETRY_INCREMENT,
  RETRY_COST,
  RETRY_DELAY_BASE,
  THROTTLING_RETRY_DELAY_BASE,
  TIMEOUT_RETRY_COST,
} from "./constants";

export interface RetryStrategyOptions {
  /** A number in [0, 1) for the jitter. @default Math.random */
  random?: () => number;
  /** Milliseconds since the epoch, to turn a `Retry-After` hint into a delay. @default Date.now */
  now?: () => number;
  /** Back-off base for every retry, ms (the AWS SDK v2's `retryDelayOptions.base`). @default 100, 1000 after throttling */
  base?: number;
  /**
   * The delay before retry `retryCount` (0 for the first retry), ms, instead of the back-off (the AWS SDK v2's
   * `retryDelayOptions.customBackoff`). A negative value stops retrying.
   */
  customBackoff?: (retryCount: number, error?: Error) => number;
}

const token = (count: number, delay: number, cost?: number): StandardRetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => delay,
  getRetryCost: () => cost,
});

/** Thrown by `refreshRetryTokenForRetry` when no retry is allowed; the retry middleware rethrows the original error. */
export class RetryRefusedError extends Error {
  override readonly name = "RetryRefusedError";
  constructor(readonly reason: "not-retryable" | "max-attempts" | "quota-exhausted") {
    super(`no retry: ${reason}`);
  }
}

/**
 * The standard retry policy, as the AWS SDKs specify it: at most `maxAttempts` attempts; full-jitter exponential
 * back-off (base 100 ms, 1 s after throttling, never over 20 s); the service's `Retry-After` as a floor; and a
 * retry quota shared by every call of the client, so a failing service is not hammered by retries.
 * It implements the v3 `RetryStrategyV2` interface, so it also plugs into an AWS SDK v3 client.
 */
export class StandardRetryStrategy implements RetryStrategyV2 {
  readonly mode: string = "standard";
  /** Tokens left in the retry quota. */
  availableCapacity = INITIAL_RETRY_TOKENS;
  private readonly maxAttempts: Provider<number>;

  constructor(
    maxAttempts: number | Provider<number> = DEFAULT_MAX_ATTEMPTS,
    private readonly options: RetryStrategyOptions = {},
  ) {
    this.maxAttempts = typeof maxAttempts === "function" ? maxAttempts : async () => maxAttempts;
  }

  async acquireInitialRetryToken(_scope: string): Promise<StandardRetryToken> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    const count = previous.getRetryCount();
    const cost = info.error?.name === "TimeoutError" ? TIMEOUT_RETRY_COST : RETRY_COST;
    const refuse = (reason: RetryRefusedError["reason"]) => Promise.reject(new RetryRefusedError(reason));
    if (info.errorType === "CLIENT_ERROR") return refuse("not-retryable");
    if (count + 1 >= (await this.maxAttempts())) return refuse("max-attempts");
    const custom = this.options.customBackoff?.(count, info.error as Error | undefined);
    if (custom !== undefined && custom < 0) return refuse("not-retryable");
    if (this.availableCapacity < cost) return refuse("quota-exhausted");
    this.availableCapacity -= cost;
    const base = this.options.base ?? (info.errorType === "THROTTLING" ? THROTTLING_RETRY_DELAY_BASE : RETRY_DELAY_BASE);
    const backoff = custom ?? Math.floor((this.options.random ?? Math.random)() * Math.min(MAXIMUM_RETRY_DELAY, base * 2 ** count));
    const hinted = info.retryAfterHint ? info.retryAfterHint.getTime() - (this.options.now ?? Date.now)() : 0;
    return token(count + 1, Math.min(Math.max(backoff, hinted), MAXIMUM_RETRY_DELAY), cost);
  }

  recordSuccess(done: StandardRetryToken): void {
    this.availableCapacity = Math.min(INITIAL_RETRY_TOKENS, this.availableCapacity + (done.getRetryCost() ?? NO_RETRY_INCREMENT));
  }
}
