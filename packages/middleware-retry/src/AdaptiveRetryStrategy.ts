import type { Provider, RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from "@smithy/types";
import type { Clock } from "@ssokit/core";
import { DEFAULT_MAX_ATTEMPTS } from "./constants";
import { createRateLimiter, type RateLimiter } from "./createRateLimiter";
import { StandardRetryStrategy, type RetryStrategyOptions } from "./StandardRetryStrategy";

export interface AdaptiveRetryStrategyOptions extends RetryStrategyOptions {
  /** The limiter every attempt waits on. @default a new one from createRateLimiter(), on `clock` */
  rateLimiter?: RateLimiter;
  /** The clock the default limiter waits on. @default systemClock */
  clock?: Clock;
}

/**
 * Standard retry plus a client-side rate limiter: after the service throttles, every attempt (first tries and
 * retries) waits for a token from a bucket whose rate adapts to what the service accepts.
 */
export class AdaptiveRetryStrategy implements RetryStrategyV2 {
  readonly mode: string = "adaptive";
  readonly rateLimiter: RateLimiter;
  private readonly standard: StandardRetryStrategy;

  constructor(maxAttempts: number | Provider<number> = DEFAULT_MAX_ATTEMPTS, options: AdaptiveRetryStrategyOptions = {}) {
    this.standard = new StandardRetryStrategy(maxAttempts, options);
    this.rateLimiter = options.rateLimiter ?? createRateLimiter({ clock: options.clock });
  }

  async acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    await this.rateLimiter.getSendToken();
    return this.standard.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    this.rateLimiter.updateClientSendingRate(info.errorType === "THROTTLING");
    const next = await this.standard.refreshRetryTokenForRetry(token, info);
    await this.rateLimiter.getSendToken();
    return next;
  }

  recordSuccess(token: StandardRetryToken): void {
    this.rateLimiter.updateClientSendingRate(false);
    this.standard.recordSuccess(token);
  }

  get availableCapacity(): number {
    return this.standard.availableCapacity;
  }
}
