import type { HttpRequest } from "@smithy/types";
import type { HttpResponse } from "@smithy/types";
import { AbortError } from "./errors/AbortError";
import { SdkError } from "./errors/SdkError";
import { TimeoutError } from "./errors/TimeoutError";
import { loadModule } from "./loadModule";
import type { CoreResolvedConfig, SendOptions } from "./types";

/**
 * The end of every middleware chain: one HTTP attempt. It owns the attempt's deadline, which covers the whole
 * exchange (connect, headers and body), and reads the body to the end so that a reset in the middle of it is a
 * failed attempt the retry middleware can see, not a late surprise in the deserializer.
 */
export async function sendRequest(config: CoreResolvedConfig, request: HttpRequest, options?: SendOptions): Promise<{ response: HttpResponse }> {
  // After client.destroy(), no attempt is sent: a call in flight then ends here, at its next attempt, instead of
  // retrying on new connections.
  if (config.destroyed) throw new AbortError("client.destroy() was called.");
  const callerSignal = options?.abortSignal as AbortSignal | undefined;
  const timeout = options?.requestTimeout ?? config.requestTimeout;
  const controller = config.attemptAbort();
  const abort = () => controller.abort();
  let timedOut = false;
  const timer = timeout > 0 ? setTimeout(() => ((timedOut = true), abort()), timeout) : undefined;
  callerSignal?.addEventListener("abort", abort);
  try {
    if (callerSignal?.aborted) throw new AbortError();
    const { response } = await config.requestHandler.handle(request as never, { abortSignal: controller.signal as AbortSignal });
    response.body = await config.bodyReader(response.body, config.maxResponseBytes, controller.signal as AbortSignal, response.statusCode);
    return { response };
  } catch (e: any) {
    const where = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}`;
    if (timedOut) throw new TimeoutError(`No response from ${where} within requestTimeout (${timeout} ms).`, { cause: e });
    if (callerSignal?.aborted) throw e instanceof AbortError ? e : new AbortError(undefined, { cause: e });
    if (e instanceof SdkError) throw e;
    // Which network failure it was is worked out by code loaded only when an attempt fails this way.
    throw (await loadModule(() => import("./transportError"), "the network error code")).transportError(e, where);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", abort);
  }
}
