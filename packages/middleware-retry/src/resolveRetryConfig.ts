import type { Provider, RetryStrategyV2 } from "@smithy/types";
import { ConfigurationError, systemClock, type Clock } from "@ssokit/core";
import { AdaptiveRetryStrategy } from "./AdaptiveRetryStrategy";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_MODE } from "./constants";
import { StandardRetryStrategy } from "./StandardRetryStrategy";

export type RetryMode = "standard" | "adaptive";

export interface RetryInputConfig {
  /** Attempts per call, the first included; 1 turns retry off. @default 3 (Node: `AWS_MAX_ATTEMPTS` if set) */
  maxAttempts?: number | Provider<number>;
  /**
   * `"standard"`, or `"adaptive"` to add a client-side rate limiter after throttling. `"legacy"` is read as
   * `"standard"`. @default "standard" (Node: `AWS_RETRY_MODE` if set)
   */
  retryMode?: RetryMode | "legacy" | (string & {}) | Provider<string>;
  /** A strategy of your own (any AWS SDK v3 `RetryStrategyV2`); `maxAttempts` and `retryMode` then only fill the
   * `amz-sdk-request` header. @default built from maxAttempts and retryMode */
  retryStrategy?: RetryStrategyV2 | LegacyRetryStrategy;
  /** Time source for back-off sleeps and `Retry-After`; inject a fake one in tests. @default systemClock */
  clock?: Clock;
}

/** The AWS SDK v3's first retry interface, still accepted: the strategy runs the attempts itself. */
export interface LegacyRetryStrategy {
  mode?: string;
  retry<I extends object, O>(next: (args: I) => Promise<O>, args: I): Promise<O>;
}

export interface RetryResolvedConfig {
  maxAttempts: Provider<number>;
  retryMode: Provider<string>;
  /** One strategy per client, so its retry quota spans every call. */
  retryStrategy: Provider<RetryStrategyV2 | LegacyRetryStrategy>;
  clock: Clock;
}

function checkMaxAttempts(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ConfigurationError("InvalidMaxAttempts", `maxAttempts must be a whole number >= 1, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function checkRetryMode(value: unknown): RetryMode {
  if (value === "standard" || value === "adaptive") return value;
  if (value === "legacy") return "standard";
  throw new ConfigurationError("InvalidRetryMode", `retryMode must be "standard" or "adaptive", not ${JSON.stringify(value)}.`);
}

/** Validates plain values at once (a bad setting fails at construction) and provider values at the first call. */
export function resolveRetryConfig<T extends object>(input: T & RetryInputConfig): Omit<T, keyof RetryInputConfig> & RetryResolvedConfig {
  const clock = input.clock ?? systemClock;
  const rawMax = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const rawMode = input.retryMode ?? DEFAULT_RETRY_MODE;
  let maxAttempts: Provider<number>;
  if (typeof rawMax === "function") maxAttempts = async () => checkMaxAttempts(await rawMax());
  else {
    const checked = Promise.resolve(checkMaxAttempts(rawMax));
    maxAttempts = () => checked;
  }
  let retryMode: Provider<string>;
  if (typeof rawMode === "function") retryMode = async () => checkRetryMode(await rawMode());
  else {
    const checked = Promise.resolve(checkRetryMode(rawMode));
    retryMode = () => checked;
  }
  let strategy: Promise<RetryStrategyV2 | LegacyRetryStrategy> | undefined;
  const given = input.retryStrategy;
  const retryStrategy: Provider<RetryStrategyV2 | LegacyRetryStrategy> = () =>
    (strategy ??= given
      ? Promise.resolve(given)
      : retryMode().then((mode) =>
          mode === "adaptive"
            ? new AdaptiveRetryStrategy(maxAttempts, { now: clock.now })
            : new StandardRetryStrategy(maxAttempts, { now: clock.now }),
        ));
  return { ...input, maxAttempts, retryMode, retryStrategy, clock };
}
