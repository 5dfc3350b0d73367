import { AbortError } from "./errors/AbortError";
import { InvalidResponseError } from "./errors/InvalidResponseError";
import { NetworkError } from "./errors/NetworkError";

const EMPTY = new Uint8Array(0);

interface NodeLikeStream {
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  destroy?: (error?: Error) => void;
  readableEnded?: boolean;
}

/**
 * Reads a response body to the end, whatever the request handler gave: a Node stream (`IncomingMessage`), a web
 * `ReadableStream`, a `Blob`, bytes or a string. Stops at `limit` bytes, and at once when `signal` aborts, so a
 * huge or stalled body can neither exhaust memory nor outlive the attempt's deadline.
 */
export async function readBody(body: unknown, limit: number, signal: AbortSignal, status: number): Promise<Uint8Array> {
  if (body === undefined || body === null) return EMPTY;
  if (body instanceof Uint8Array) return checkSize(body, limit, status);
  if (typeof body === "string") return checkSize(new TextEncoder().encode(body), limit, status);
  if (typeof (body as NodeLikeStream).on === "function") return readNodeStream(body as NodeLikeStream, limit, signal, status);
  if (typeof (body as ReadableStream).getReader === "function") return readWebStream(body as ReadableStream<Uint8Array>, limit, signal, status);
  if (typeof (body as Blob).arrayBuffer === "function") {
    return checkSize(new Uint8Array(await (body as Blob).arrayBuffer()), limit, status);
  }
  throw new InvalidResponseError("UnexpectedResponse", "The request handler returned a response body of an unknown kind; use a handler that returns a stream, a Blob or bytes.", { $metadata: { httpStatusCode: status } });
}

function checkSize(bytes: Uint8Array, limit: number, status: number): Uint8Array {
  if (bytes.length > limit) throw tooLarge(limit, status);
  return bytes;
}

const tooLarge = (limit: number, status: number) =>
  new InvalidResponseError(
    "ResponseTooLarge",
    `The response body exceeded ${limit} bytes and was not read further. An SSO OIDC answer is a few kilobytes; check the endpoint, or raise maxResponseBytes if a proxy legitimately sends more.`,
    { $metadata: { httpStatusCode: status } },
  );

const cutShort = (status: number, cause?: unknown) =>
  new NetworkError("ECONNRESET", "The connection closed before the response body was complete; the request is retried where retries remain.", {
    cause,
    $metadata: { httpStatusCode: status },
  });

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function readNodeStream(stream: NodeLikeStream, limit: number, signal: AbortSignal, status: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | undefined, value?: Uint8Array) => {
      if (settled) return;
      settled = true;
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      stream.removeListener("close", onClose);
      signal.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve(value!);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        settle(tooLarge(limit, status));
        stream.destroy?.();
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => settle(undefined, concat(chunks, size));
    const onError = (e: Error) => settle(cutShort(status, e));
    // 'close' without 'end' means the peer went away mid-body.
    const onClose = () => settle(cutShort(status));
    const onAbort = () => {
      settle(new AbortError("The response body was not read to the end: the attempt was aborted."));
      stream.destroy?.();
    };
    if (signal.aborted) return onAbort();
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.on("close", onClose);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function readWebStream(body: ReadableStream<Uint8Array>, limit: number, signal: AbortSignal, status: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (e) {
        if (signal.aborted) throw new AbortError("The response body was not read to the end: the attempt was aborted.");
        throw cutShort(status, e);
      }
      if (signal.aborted) throw new AbortError("The response body was not read to the end: the attempt was aborted.");
      if (step.done) return concat(chunks, size);
      size += step.value.length;
      if (size > limit) {
        void reader.cancel().catch(() => {});
        throw tooLarge(limit, status);
      }
      chunks.push(step.value);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
