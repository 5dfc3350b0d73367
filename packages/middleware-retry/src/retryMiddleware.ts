import type {
  AbsoluteLocation,
  FinalizeHandlerArguments,
  FinalizeRequestHandlerOptions,
  FinalizeRequestMiddleware,
  MetadataBearer,
  Pluggable,
  RetryStrategyV2,
} from "@smithy/types";
import { AbortError, loadModule, type SsoContext } from "@ssokit/core";
import { INVOCATION_ID_HEADER, REQUEST_HEADER } from "./constants";
import type { LegacyRetryStrategy, RetryResolvedConfig } from "./resolveRetryConfig";

/**
 * Runs the attempts of one call. What is retried, how often and after how long is the strategy's business; this
 * loop only asks it, waits (on the injected clock, abortably), and stamps `attempts` and `totalRetryDelay` into
 * the `$metadata` of the output or of the error.
 */
export const retryMiddleware = (config: RetryResolvedConfig): FinalizeRequestMiddleware<any, MetadataBearer> => {
  // The strategy is one per client (its quota spans calls): resolved once, then used without a promise per call.
  let known: RetryStrategyV2 | LegacyRetryStrategy | undefined;
  return (next, context) => async (args: FinalizeHandlerArguments<any>) => {
    const strategy = (known ??= await config.retryStrategy());
    if (!("acquireInitialRetryToken" in strategy)) return (strategy as LegacyRetryStrategy).retry(next as any, args);
    const retry = strategy as RetryStrategyV2;
    const signal = (context as SsoContext).abortSignal;
    const maxAttempts = await config.maxAttempts();
    const headers: Record<string, string> = (args.request as any)?.headers ?? {};
    // `randomUUID` exists only in secure browser contexts; elsewhere a chunk makes the id from `getRandomValues`.
    headers[INVOCATION_ID_HEADER] = crypto.randomUUID?.() ?? (await loadModule(() => import("./uuidV4"), "the request id code")).uuidV4();
    let token = await retry.acquireInitialRetryToken(context.commandName ?? "");
    let attempts = 0;
    let totalRetryDelay = 0;
    const stamp = (target: any) => {
      if (target && typeof target === "object") {
        const metadata = (target.$metadata ??= {});
        metadata.attempts = attempts;
        metadata.totalRetryDelay = totalRetryDelay;
      }
      return target;
    };
    for (;;) {
      headers[REQUEST_HEADER] = `attempt=${++attempts}; max=${maxAttempts}`;
      try {
        const result = await next(args);
        retry.recordSuccess(token);
        stamp(result.output);
        return result;
      } catch (error: any) {
        stamp(error);
        if (signal?.aborted || error?.name === "AbortError") throw error;
        // The classification is code only failures need, split off; if it cannot load, the call fails as it is.
        token = await import("./retryErrorInfo")
          .then(({ retryErrorInfo }) => retry.refreshRetryTokenForRetry(token, retryErrorInfo(error, config.clock.now())))
          .catch(() => Promise.reject(error));
        const delay = token.getRetryDelay();
        await config.clock.sleep(delay, signal).catch((cause) => Promise.reject(stamp(cause instanceof AbortError ? cause : new AbortError(undefined, { cause }))));
        totalRetryDelay += delay;
      }
    }
  };
};

/**
 * finalizeRequest, high priority, as in the AWS SDK v3: after the request is complete (serialized, endpoint set)
 * and before anything that must run once per attempt (signing, the deserializer), so each attempt is sent and
 * parsed afresh while the request itself is built once.
 */
export const retryMiddlewareOptions: FinalizeRequestHandlerOptions & AbsoluteLocation = {
  name: "retryMiddleware",
  step: "finalizeRequest",
  priority: "high",
  tags: ["RETRY"],
  override: true,
};

export const getRetryPlugin = (config: RetryResolvedConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(retryMiddleware(config), retryMiddlewareOptions),
});
