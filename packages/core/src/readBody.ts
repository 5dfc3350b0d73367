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

export const aborted = () => new AbortError();

export function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * The body reader for fetch: bytes, a string, a `Blob` or a web `ReadableStream`. It stops at `limit` bytes and
 * at once when `signal` aborts, so a huge or stalled body can neither exhaust memory nor outlive the deadline.
 */
export const readBody: BodyReader = async (body, limit, signal, status) => {
  let bytes: Uint8Array;
  if (body == null) bytes = new Uint8Array(0);
  else if (body instanceof Uint8Array) bytes = body;
  else if (typeof body === "string") bytes = new TextEncoder().encode(body);
  else if (typeof (body as ReadableStream).getReader === "function") {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    const onAbort = () => void reader.cancel().catch(() => {});
    signal.addEventListener("abort", onAbort);
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const step = await reader.read().catch((e) => {
          throw signal.aborted ? aborted() : cutShort(status, e);
        });
        if (signal.aborted) throw aborted();
        if (step.done) break;
        if ((size += step.value.length) > limit) {
          onAbort();
          throw tooLarge(limit, status);
        }
        chunks.push(step.value);
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    bytes = concat(chunks, size);
  } else bytes = new Uint8Array(await (body as Blob).arrayBuffer());
  if (bytes.length > limit) throw tooLarge(limit, status);
  return bytes;
};
