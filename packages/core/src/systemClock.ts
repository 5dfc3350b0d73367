import { AbortError } from "./errors/AbortError";
import type { Clock } from "./types";

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      if (signal?.aborted) onAbort();
      signal?.addEventListener("abort", onAbort);
    }),
};
