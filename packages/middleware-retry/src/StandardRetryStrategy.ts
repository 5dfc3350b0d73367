import type { Provider, RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from "@smithy/types";
import { DEFAULT_MAX_ATTEMPTS, INITIAL_RETRY_TOKENS, NO_RETRY_INCREMENT } from "./constants";
import { retryToken } from "./retryToken";

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
    return retryToken(0, 0);
  }

  /**
   * The next token, or a `RetryRefusedError`. The decision (see `nextRetryToken`) is code only failures need, so
   * a bundle loads it on the first failure.
   */
  async refreshRetryTokenForRetry(previous: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    const [{ nextRetryToken }, maxAttempts] = await Promise.all([import("./nextRetryToken"), this.maxAttempts()]);
    return nextRetryToken(this, previous, info, maxAttempts, this.options);
  }

  recordSuccess(done: StandardRetryToken): void {
    this.availableCapacity = Math.min(INITIAL_RETRY_TOKENS, this.availableCapacity + (done.getRetryCost() ?? NO_RETRY_INCREMENT));
  }
}
