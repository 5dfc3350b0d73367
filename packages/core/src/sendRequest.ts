import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { AbortError } from "./errors/AbortError";
import { NetworkError } from "./errors/NetworkError";
import { SdkError } from "./errors/SdkError";
import { TimeoutError } from "./errors/TimeoutError";
import { readBody } from "./readBody";
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
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const timer =
    timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeout)
      : undefined;
  try {
    const { response } = await config.requestHandler.handle(request, { abortSignal: controller.signal });
    response.body = await readBody(response.body, config.maxResponseBytes, controller.signal, response.statusCode);
    return { response };
  } catch (e) {
    if (timedOut) {
      throw new TimeoutError(
        `No complete response from ${origin(request)} within requestTimeout (${timeout} ms). The attempt was abandoned; raise requestTimeout if the network is slow.`,
        { cause: e },
      );
    }
    if (callerSignal?.aborted) throw e instanceof AbortError ? e : new AbortError(undefined, { cause: e });
    throw toTransportError(e, request);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

const origin = (r: HttpRequest) => `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}`;

/** Turns whatever a request handler threw into one of our typed errors, keeping the original as `cause`. */
function toTransportError(e: unknown, request: HttpRequest): Error {
  if (e instanceof SdkError) return e;
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  // Node reports a system error code on the error; fetch wraps it as the TypeError's cause.
  const sysCode = typeof err?.code === "string" ? err.code : typeof err?.cause?.code === "string" ? err.cause.code : undefined;
  // The Node handler names ECONNRESET and EPIPE "TimeoutError" too; a code other than ETIMEDOUT is a network error.
  if ((err?.name === "TimeoutError" && (sysCode === undefined || sysCode === "ETIMEDOUT")) || sysCode === "ETIMEDOUT") {
    return new TimeoutError(
      `Could not connect to ${origin(request)} in time (${err.message ?? "timeout"}); raise connectionTimeout if the network is slow.`,
      { cause: e, code: sysCode ?? "ConnectionTimeout" },
    );
  }
  const code = sysCode ?? "NetworkError";
  const detail = err?.cause?.message ?? err?.message ?? String(e);
  return new NetworkError(
    code,
    `The request to ${origin(request)} failed: ${code === "NetworkError" ? "" : `${code}, `}${detail}. Check the endpoint and the network; transient failures are retried.`,
    { cause: e },
  );
}
