import type * as BodyErrors from "./bodyErrors";
import { AbortError } from "./errors/AbortError";
import { loadModule } from "./loadModule";

/** Reads a whole response body, at most `limit` bytes, giving up as soon as `signal` aborts. */
export type BodyReader = (body: unknown, limit: number, signal: AbortSignal, status: number) => Promise<Uint8Array>;

/**
 * The error for a body that is too large or cut short, made by code loaded only when that happens (a failure to
 * load it is the error then). Always resolves.
 */
export const bodyError = <K extends keyof typeof BodyErrors>(kind: K, ...args: Parameters<(typeof BodyErrors)[K]>): Promise<Error> =>
  loadModule(() => import("./bodyErrors"), "the response error code").then(
    (m) => (m[kind] as (...a: typeof args) => Error)(...args),
    (e: Error) => e,
  );

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
        (buffer) => (buffer.byteLength > limit ? bodyError("tooLarge", limit, status).then(reject) : resolve(new Uint8Array(buffer))),
        (e) => (signal.aborted ? reject(new AbortError()) : bodyError("cutShort", status, e).then(reject)),
      )
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
