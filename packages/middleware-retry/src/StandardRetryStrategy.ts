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
}

class RetryToken implements StandardRetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
    private readonly cost: number | undefined,
  ) {}
  getRetryCount() {
    return this.count;
  }
  getRetryDelay() {
    return this.delay;
  }
  getRetryCost() {
    return this.cost;
  }
}

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
  private capacity = INITIAL_RETRY_TOKENS;
  private readonly maxAttempts: Provider<number>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(maxAttempts: number | Provider<number> = DEFAULT_MAX_ATTEMPTS, options: RetryStrategyOptions = {}) {
    this.maxAttempts = typeof maxAttempts === "function" ? maxAttempts : async () => maxAttempts;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  async acquireInitialRetryToken(_scope: string): Promise<StandardRetryToken> {
    return new RetryToken(0, 0, undefined);
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    if (info.errorType === "CLIENT_ERROR") throw new RetryRefusedError("not-retryable");
    const count = token.getRetryCount();
    if (count + 1 >= (await this.maxAttempts())) throw new RetryRefusedError("max-attempts");
    const cost = info.errorType === "TRANSIENT" && info.error?.name === "TimeoutError" ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (this.capacity < cost) throw new RetryRefusedError("quota-exhausted");
    this.capacity -= cost;
    const base = info.errorType === "THROTTLING" ? THROTTLING_RETRY_DELAY_BASE : RETRY_DELAY_BASE;
    let delay = Math.floor(this.random() * Math.min(MAXIMUM_RETRY_DELAY, base * 2 ** count));
    if (info.retryAfterHint) delay = Math.max(delay, info.retryAfterHint.getTime() - this.now());
    return new RetryToken(count + 1, Math.min(delay, MAXIMUM_RETRY_DELAY), cost);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.capacity = Math.min(INITIAL_RETRY_TOKENS, this.capacity + (token.getRetryCost() ?? NO_RETRY_INCREMENT));
  }

  /** Tokens left in the retry quota. */
  get availableCapacity(): number {
    return this.capacity;
  }
}
