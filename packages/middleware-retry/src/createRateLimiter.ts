import { systemClock, type Clock } from "@ssokit/core";

export interface RateLimiterOptions {
  /** Multiplicative decrease after throttling. @default 0.7 */
  beta?: number;
  /** Smallest bucket, in tokens. @default 1 */
  minCapacity?: number;
  /** Slowest refill, tokens per second. @default 0.5 */
  minFillRate?: number;
  /** CUBIC scale constant. @default 0.4 */
  scaleConstant?: number;
  /** Weight of the newest measurement of the sending rate. @default 0.8 */
  smooth?: number;
  clock?: Clock;
}

export interface RateLimiter {
  /** Waits until the bucket holds a token, then takes it. Immediate while the limiter is off. */
  getSendToken(signal?: AbortSignal): Promise<void>;
  /** Feeds one outcome to the controller: `throttled` after a throttling error, false after anything else. */
  updateClientSendingRate(throttled: boolean): void;
  /** The bucket's refill rate now, tokens per second. */
  readonly rate: number;
  /** Whether the limiter has engaged (after the first throttling error). */
  readonly isEnabled: boolean;
}

/**
 * The client-side rate limiter of adaptive retry mode: a token bucket whose rate follows CUBIC congestion control
 * (cut by `beta` on throttling, grown along a cubic curve after). It stays off until the first throttling error,
 * so a healthy service sees no added latency. State lives in a closure; times are in seconds.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const { beta = 0.7, minCapacity = 1, minFillRate = 0.5, scaleConstant = 0.4, smooth = 0.8, clock = systemClock } = options;
  const seconds = () => clock.now() / 1000;
  let capacity = 0;
  let enabled = false;
  let lastMaxRate = 0;
  let measuredRate = 0;
  let requestCount = 0;
  let fillRate = minFillRate;
  let maxCapacity = minCapacity;
  let lastThrottle = seconds();
  let lastRefill = 0;
  let lastBucket = Math.floor(seconds());

  const refill = () => {
    const now = seconds();
    if (lastRefill) capacity = Math.min(maxCapacity, capacity + (now - lastRefill) * fillRate);
    lastRefill = now;
  };

  return {
    async getSendToken(signal) {
      if (!enabled) return;
      refill();
      if (capacity < 1) {
        await clock.sleep(((1 - capacity) / fillRate) * 1000, signal);
        refill();
      }
      capacity -= 1;
    },
    updateClientSendingRate(throttled) {
      const now = seconds();
      const bucket = Math.floor(now * 2) / 2;
      requestCount++;
      if (bucket > lastBucket) {
        measuredRate = (requestCount / (bucket - lastBucket)) * smooth + measuredRate * (1 - smooth);
        requestCount = 0;
        lastBucket = bucket;
      }
      let rate: number;
      if (throttled) {
        lastMaxRate = enabled ? Math.min(measuredRate, fillRate) : measuredRate;
        lastThrottle = now;
        rate = lastMaxRate * beta;
        enabled = true;
      } else {
        const window = Math.cbrt((lastMaxRate * (1 - beta)) / scaleConstant);
        rate = scaleConstant * (now - lastThrottle - window) ** 3 + lastMaxRate;
      }
      rate = Math.min(rate, 2 * measuredRate);
      refill();
      fillRate = Math.max(rate, minFillRate);
      maxCapacity = Math.max(rate, minCapacity);
      capacity = Math.min(capacity, maxCapacity);
    },
    get rate() {
      return fillRate;
    },
    get isEnabled() {
      return enabled;
    },
  };
}
