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

/** A v4 UUID. `randomUUID` exists only in secure browser contexts; `getRandomValues` everywhere. */
function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const hex = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join("");
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

/** Records the attempt count and the time spent waiting on the output or the error, as `$metadata` says. */
function stamp(target: any, attempts: number, totalRetryDelay: number): void {
  if (target && typeof target === "object") target.$metadata = { ...target.$metadata, attempts, totalRetryDelay };
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
    const retry = strategy as RetryStrategyV2;
    const signal = (context as SsoContext).abortSignal;
    const maxAttempts = await config.maxAttempts();
    const request = args.request;
    const headers = HttpRequest.isInstance(request) ? request.headers : {};
    headers[INVOCATION_ID_HEADER] = uuid();
    let token = await retry.acquireInitialRetryToken(context.commandName ?? "");
    let attempts = 0;
    let totalRetryDelay = 0;
    for (;;) {
      headers[REQUEST_HEADER] = `attempt=${++attempts}; max=${maxAttempts}`;
      try {
        const result = await next(args);
        retry.recordSuccess(token);
        stamp(result.output, attempts, totalRetryDelay);
        return result;
      } catch (error: any) {
        stamp(error, attempts, totalRetryDelay);
        if (signal?.aborted || error?.name === "AbortError") throw error;
        try {
          token = await retry.refreshRetryTokenForRetry(token, retryErrorInfo(error, config.clock.now()));
        } catch {
          throw error;
        }
        const delay = token.getRetryDelay();
        await config.clock.sleep(delay, signal).catch((cause) => {
          const e = cause instanceof AbortError ? cause : new AbortError(undefined, { cause });
          stamp(e, attempts, totalRetryDelay);
          throw e;
        });
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
