/** Aborts one attempt: the request handler gets `signal`; the deadline and the caller's signal call `abort()`. */
export interface AttemptAbort {
  signal: { readonly aborted: boolean };
  abort(): void;
}

/** Makes the abort switch for each attempt; the runtime config picks the one its request handler needs. */
export type AttemptAbortFactory = () => AttemptAbort;

/** A real `AbortController`: what fetch (and any handler that listens for "abort" events) needs. */
export const abortController: AttemptAbortFactory = () => new AbortController();

/**
 * The handler-facing form the Node handler also accepts: a plain `{ aborted, onabort }` object. Node's
 * `AbortSignal` is an `EventTarget`, and creating and listening to one on every request costs about a third of a
 * keep-alive round trip on loopback; this costs nothing until it fires.
 */
export const onabortSignal: AttemptAbortFactory = () => {
  const signal = { aborted: false, onabort: null as null | (() => void) };
  return {
    signal,
    abort() {
      if (signal.aborted) return;
      signal.aborted = true;
      signal.onabort?.();
    },
  };
};
