import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { AbortError } from "./errors/AbortError";
import { NetworkError } from "./errors/NetworkError";
import { SdkError } from "./errors/SdkError";
import { TimeoutError } from "./errors/TimeoutError";
import type { CoreResolvedConfig, SendOptions } from "./types";

/**
 * The end of every middleware chain: one HTTP attempt. It owns the attempt's deadline, which covers the whole
 * exchange (connect, headers and body), and reads the body to the end so that a reset in the middle of it is a
 * failed attempt the retry middleware can see, not a late surprise in the deserializer.
 */
export async function sendRequest(
  config: CoreResolvedConfig,
  request: HttpRequest,
  options: SendOptions | undefined,
): Promise<{ response: HttpResponse }> {
  const callerSignal = options?.abortSignal as AbortSignal | undefined;
  if (callerSignal?.aborted) throw new AbortError();
  const timeout = options?.requestTimeout ?? config.requestTimeout;
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener("abort", onCallerAbort);
  const timer =
    timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeout)
      : undefined;
  try {
    const { response } = await config.requestHandler.handle(request, { abortSignal: controller.signal });
    response.body = await config.bodyReader(response.body, config.maxResponseBytes, controller.signal, response.statusCode);
    return { response };
  } catch (e) {
    if (timedOut) throw new TimeoutError(`No response from ${origin(request)} within requestTimeout (${timeout} ms).`, { cause: e });
    if (callerSignal?.aborted) throw e instanceof AbortError ? e : new AbortError(undefined, { cause: e });
    throw transportError(e, request);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

const origin = (r: HttpRequest) => `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}`;

/** Turns whatever a request handler threw into one of our typed errors, keeping the original as `cause`. */
function transportError(e: any, request: HttpRequest): Error {
  if (e instanceof SdkError) return e;
  // Node puts the system error code on the error; fetch puts it on the TypeError's cause.
  const code: string | undefined = e?.code ?? e?.cause?.code;
  // The Node handler also names ECONNRESET and EPIPE "TimeoutError": only ETIMEDOUT (or no code) is a timeout.
  if (code === "ETIMEDOUT" || (e?.name === "TimeoutError" && !code)) {
    return new TimeoutError(`Could not connect to ${origin(request)} in time; raise connectionTimeout on slow networks.`, {
      cause: e,
      code: code ?? "ConnectionTimeout",
    });
  }
  return new NetworkError(code ?? "NetworkError", `Request to ${origin(request)} failed (${e?.cause?.message ?? e?.message ?? e}); check the endpoint and network.`, { cause: e });
}
