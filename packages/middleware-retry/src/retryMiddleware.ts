import { HttpRequest } from "@smithy/protocol-http";
import type {
  AbsoluteLocation,
  FinalizeHandlerArguments,
  FinalizeRequestHandlerOptions,
  FinalizeRequestMiddleware,
  MetadataBearer,
  Pluggable,
  RetryStrategyV2,
} from "@smithy/types";
import { AbortError, type SsoContext } from "@ssokit/core";
import { INVOCATION_ID_HEADER, REQUEST_HEADER } from "./constants";
import type { LegacyRetryStrategy, RetryResolvedConfig } from "./resolveRetryConfig";
import { retryErrorInfo } from "./retryErrorInfo";

const uuid = (): string => {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  // randomUUID exists only in secure browser contexts; getRandomValues everywhere.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** Records the attempt count and the time spent waiting on the output or the error, as `$metadata` says. */
function stamp(target: unknown, attempts: number, totalRetryDelay: number): void {
  if (target === null || typeof target !== "object") return;
  const t = target as { $metadata?: Record<string, unknown> };
  if (!t.$metadata || typeof t.$metadata !== "object") t.$metadata = {};
  t.$metadata.attempts = attempts;
  t.$metadata.totalRetryDelay = totalRetryDelay;
}

/**
 * Runs the attempts of one call. What is retried, how often and after how long is the strategy's business; this
 * loop only asks it, waits (on the injected clock, abortably), and stamps `$metadata`.
 */
export const retryMiddleware =
  (config: RetryResolvedConfig): FinalizeRequestMiddleware<any, MetadataBearer> =>
  (next, context) =>
  async (args: FinalizeHandlerArguments<any>) => {
    const strategy = await config.retryStrategy();
    if (!("acquireInitialRetryToken" in strategy)) return (strategy as LegacyRetryStrategy).retry(next, args);
    const v2 = strategy as RetryStrategyV2;
    const signal = (context as SsoContext).abortSignal;
    const maxAttempts = await config.maxAttempts();
    const request = args.request;
    const isHttp = HttpRequest.isInstance(request);
    if (isHttp) request.headers[INVOCATION_ID_HEADER] = uuid();
    let token = await v2.acquireInitialRetryToken(context.commandName ?? "");
    let attempts = 0;
    let totalRetryDelay = 0;
    for (;;) {
      attempts++;
      if (isHttp) request.headers[REQUEST_HEADER] = `attempt=${attempts}; max=${maxAttempts}`;
      try {
        const result = await next(args);
        v2.recordSuccess(token);
        stamp(result.output, attempts, totalRetryDelay);
        return result;
      } catch (error) {
        stamp(error, attempts, totalRetryDelay);
        if (signal?.aborted || (error as Error)?.name === "AbortError") throw error;
        try {
          token = await v2.refreshRetryTokenForRetry(token, retryErrorInfo(error, config.clock.now()));
        } catch {
          throw error;
        }
        const delay = token.getRetryDelay();
        try {
          await config.clock.sleep(delay, signal);
        } catch (abort) {
          const e = abort instanceof AbortError ? abort : new AbortError(undefined, { cause: abort });
          stamp(e, attempts, totalRetryDelay);
          throw e;
        }
        totalRetryDelay += delay;
      }
    }
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
