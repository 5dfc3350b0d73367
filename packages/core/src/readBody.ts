import { AbortError } from "./errors/AbortError";
import { InvalidResponseError } from "./errors/InvalidResponseError";
import { NetworkError } from "./errors/NetworkError";

/** Reads a whole response body, at most `limit` bytes, giving up as soon as `signal` aborts. */
export type BodyReader = (body: unknown, limit: number, signal: AbortSignal, status: number) => Promise<Uint8Array>;

export const tooLarge = (limit: number, status: number) =>
  new InvalidResponseError("ResponseTooLarge", `Response body over ${limit} bytes; raise maxResponseBytes if that is expected.`, {
    $metadata: { httpStatusCode: status },
  });

export const cutShort = (status: number, cause?: unknown) =>
  new NetworkError("ECONNRESET", "Connection closed before the response body ended.", { cause, $metadata: { httpStatusCode: status } });

/**
 * The body reader for fetch: whatever `Response` can read (a web `ReadableStream`, a `Blob`, bytes, a string).
 * It gives up as soon as the attempt's signal aborts (which also aborts the fetch and so ends the stream); the
 * size is checked once the body is in: browsers buffer fetch bodies anyway, and the deadline bounds the flow.
 */
export const readBody: BodyReader = (body, limit, signal, status) =>
  body instanceof Uint8Array && body.length <= limit
    ? Promise.resolve(body)
    : new Promise((resolve, reject) => {
    const onAbort = () => reject(new AbortError());
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort);
    new Response(body as BodyInit | null)
      .arrayBuffer()
      .then(
        (buffer) => (buffer.byteLength > limit ? reject(tooLarge(limit, status)) : resolve(new Uint8Array(buffer))),
        (e) => reject(signal.aborted ? new AbortError() : cutShort(status, e)),
      )
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
