import type { Provider, RetryErrorInfo, RetryStrategy, RetryStrategyV2, RetryToken, StandardRetryToken } from "@smithy/types";
import { RetryRefusedError } from "@ssokit/middleware-retry";

type AnyStrategy = RetryStrategyV2 | RetryStrategy;

/**
 * The client's retry strategy, made to obey what v2 code decides in a `retry` listener, as v2 does: an error whose
 * `retryable` is false is not retried, one whose `retryable` is true is retried (within the attempts allowed) even
 * where the strategy would not, and a `retryDelay` (ms) replaces the back-off (a negative one stops retrying). The v2 client marks every error
 * that ends an attempt with the strategy's own verdict, so without a listener nothing changes. The older
 * `RetryStrategy` interface runs the attempts itself and is left as it is.
 */
export function honorRetryable(strategy: Provider<AnyStrategy>): Provider<AnyStrategy> {
  let honoring: Promise<AnyStrategy> | undefined;
  return () => (honoring ??= strategy().then((inner) => ("acquireInitialRetryToken" in inner ? obeying(inner) : inner)));
}

function obeying(inner: RetryStrategyV2): RetryStrategyV2 & { readonly mode?: string } {
  return {
    get mode() {
      return (inner as { mode?: string }).mode;
    },
    acquireInitialRetryToken: (scope) => inner.acquireInitialRetryToken(scope),
    recordSuccess: (token) => inner.recordSuccess(token),
    async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
      const { retryable, retryDelay } = (info.error ?? {}) as { retryable?: boolean; retryDelay?: number };
      if (retryable === false || retryDelay! < 0) throw new RetryRefusedError("not-retryable");
      const next = await inner.refreshRetryTokenForRetry(token, retryable === true && info.errorType === "CLIENT_ERROR" ? { ...info, errorType: "TRANSIENT" } : info);
      // The token keeps what the strategy put in it (its cost, for the quota); only the delay is the listener's.
      return typeof retryDelay === "number" ? (Object.create(next, { getRetryDelay: { value: () => retryDelay } }) as StandardRetryToken) : next;
    },
  };
}
