import { AbortError } from "./errors/AbortError";
import { bodyError, readBody, type BodyReader } from "./readBody";

interface NodeStream {
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  destroy?: () => void;
}

/**
 * The body reader for Node: an `IncomingMessage` (or any Node stream) read through its events, which is cheaper
 * than async iteration; anything else goes to {@link readBody}. A stream that errors or closes before `end` is a
 * connection cut mid-body (retryable); past `limit` or on abort the stream is destroyed.
 */
export const readNodeBody: BodyReader = (body, limit, signal, status) => {
  if (typeof (body as NodeStream | null)?.on !== "function") return readBody(body, limit, signal, status);
  const stream = body as NodeStream;
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const settle = (error?: Error | Promise<Error>) => {
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      stream.removeListener("close", onError);
      signal.removeEventListener?.("abort", onAbort);
      if (error) {
        stream.destroy?.();
        Promise.resolve(error).then(reject);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Uint8Array) => {
      if ((size += chunk.length) > limit) settle(bodyError("tooLarge", limit, status));
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    // 'close' without 'end' means the peer went away mid-body.
    const onError = (e?: unknown) => settle(bodyError("cutShort", status, e));
    const onAbort = () => settle(new AbortError());
    if (signal.aborted) return onAbort();
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.on("close", onError);
    // A plain { aborted, onabort } signal has no listeners: aborting it destroys the request, which ends the stream.
    signal.addEventListener?.("abort", onAbort);
  });
};
