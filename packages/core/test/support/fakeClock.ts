import { AbortError } from "@ssokit/core";

/**
 * A clock for tests of any package that never waits: `sleep` records the delay and moves `now` forward (or fails
 * at once on an aborted signal, as the system clock's would); `advance` and `set` move it by hand.
 */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
    clock: {
      now: () => now,
      sleep: async (ms: number, signal?: AbortSignal) => {
        if (signal?.aborted) throw new AbortError();
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}
