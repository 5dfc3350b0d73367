import type { Provider, RetryStrategy, RetryStrategyV2 } from "@smithy/types";
import { ConfigurationError, normalizeProvider, systemClock, type Clock } from "@ssokit/core";
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
  /**
   * A strategy of your own: any the AWS SDK v3 takes (`RetryStrategyV2`, such as `@smithy/util-retry`'s
   * `StandardRetryStrategy`; or the older `RetryStrategy`, such as `@smithy/middleware-retry`'s), or a provider of
   * one. `maxAttempts` and `retryMode` then only fill the `amz-sdk-request` header.
   * @default built from maxAttempts and retryMode
   */
  retryStrategy?: RetryStrategyV2 | RetryStrategy | Provider<RetryStrategyV2 | RetryStrategy>;
  /** Time source for back-off sleeps and `Retry-After`; inject a fake one in tests. @default systemClock */
  clock?: Clock;
}

/** The AWS SDK v3's first retry interface, still accepted: the strategy runs the attempts itself. */
export type LegacyRetryStrategy = RetryStrategy;

export interface RetryResolvedConfig {
  maxAttempts: Provider<number>;
  retryMode: Provider<string>;
  /** One strategy per client, so its retry quota spans every call. */
  retryStrategy: Provider<RetryStrategyV2 | RetryStrategy>;
  clock: Clock;
}

/** A provider of a checked value: a plain value is checked now (a bad setting fails at construction), a provider's
 * value when it is first asked for. */
function checked<T>(input: T | Provider<T>, check: (value: T) => T): Provider<T> {
  return typeof input === "function" ? async () => check(await (input as Provider<T>)()) : normalizeProvider(check(input));
}

const maxAttemptsOk = (value: number) => {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new ConfigurationError("InvalidMaxAttempts", `maxAttempts must be a whole number >= 1, not ${JSON.stringify(value)}.`);
};

const retryModeOk = (value: string) => {
  if (value === "standard" || value === "adaptive") return value;
  if (value === "legacy") return "standard";
  throw new ConfigurationError("InvalidRetryMode", `retryMode must be "standard" or "adaptive", not ${JSON.stringify(value)}.`);
};

export function resolveRetryConfig<T extends object>(input: T & RetryInputConfig): Omit<T, keyof RetryInputConfig> & RetryResolvedConfig {
  const clock = input.clock ?? systemClock;
  // A checked plain value comes from normalizeProvider: clients with the same setting share one provider.
  const maxAttempts = checked(input.maxAttempts === undefined ? DEFAULT_MAX_ATTEMPTS : input.maxAttempts, maxAttemptsOk);
  const retryMode = checked<string>(input.retryMode === undefined ? DEFAULT_RETRY_MODE : input.retryMode, retryModeOk);
  const options = { now: clock.now, clock };
  let strategy: Promise<RetryStrategyV2 | RetryStrategy> | undefined;
  const given = input.retryStrategy;
  const retryStrategy = () =>
    (strategy ??= retryMode().then((mode) =>
      // A provider, as an extension may hand back what `retryStrategy()` gave it.
      (typeof given === "function" ? given() : given) ??
      // Adaptive mode's rate limiter loads only for clients that use it: bundlers split it into its own chunk.
      (mode === "adaptive"
        ? import("./AdaptiveRetryStrategy").then((m) => new m.AdaptiveRetryStrategy(maxAttempts, options))
        : new StandardRetryStrategy(maxAttempts, options)),
    ));
  return { ...input, maxAttempts, retryMode, retryStrategy, clock };
}
