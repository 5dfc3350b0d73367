import type { StandardRetryToken } from "@smithy/types";

/** A retry token: the retries so far, the delay before the next attempt (ms), and what the retry took from the quota. */
export const retryToken = (count: number, delay: number, cost?: number): StandardRetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => delay,
  getRetryCost: () => cost,
});
