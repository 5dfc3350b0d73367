import type { Clock } from "@ssokit/core";
import { systemClock } from "@ssokit/core";

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

/**
 * The client-side rate limiter of adaptive retry mode: a token bucket whose rate follows CUBIC congestion control
 * (cut by `beta` on throttling, grown along a cubic curve after). It stays off until the first throttling error,
 * so a healthy service sees no added latency. Times are kept in seconds.
 */
export class DefaultRateLimiter {
  private readonly beta: number;
  private readonly minCapacity: number;
  private readonly minFillRate: number;
  private readonly scaleConstant: number;
  private readonly smooth: number;
  private readonly clock: Clock;

  private currentCapacity = 0;
  private enabled = false;
  private lastMaxRate = 0;
  private measuredTxRate = 0;
  private requestCount = 0;
  private fillRate: number;
  private lastThrottleTime: number;
  private lastTimestamp = 0;
  private lastTxRateBucket: number;
  private maxCapacity: number;
  private timeWindow = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.beta = options.beta ?? 0.7;
    this.minCapacity = options.minCapacity ?? 1;
    this.minFillRate = options.minFillRate ?? 0.5;
    this.scaleConstant = options.scaleConstant ?? 0.4;
    this.smooth = options.smooth ?? 0.8;
    this.clock = options.clock ?? systemClock;
    this.fillRate = this.minFillRate;
    this.maxCapacity = this.minCapacity;
    this.lastThrottleTime = this.seconds();
    this.lastTxRateBucket = Math.floor(this.seconds());
  }

  private seconds(): number {
    return this.clock.now() / 1000;
  }

  /** Waits until the bucket holds a token, then takes it. Immediate while the limiter is off. */
  async getSendToken(signal?: AbortSignal): Promise<void> {
    if (!this.enabled) return;
    this.refill();
    if (this.currentCapacity < 1) {
      const waitMs = ((1 - this.currentCapacity) / this.fillRate) * 1000;
      await this.clock.sleep(waitMs, signal);
      this.refill();
    }
    this.currentCapacity -= 1;
  }

  /** Feeds one outcome to the controller: `throttled` after a throttling error, false after anything else. */
  updateClientSendingRate(throttled: boolean): void {
    this.updateMeasuredRate();
    let calculatedRate: number;
    if (throttled) {
      const rateToUse = this.enabled ? Math.min(this.measuredTxRate, this.fillRate) : this.measuredTxRate;
      this.lastMaxRate = rateToUse;
      this.computeTimeWindow();
      this.lastThrottleTime = this.seconds();
      calculatedRate = rateToUse * this.beta;
      this.enabled = true;
    } else {
      this.computeTimeWindow();
      calculatedRate = this.scaleConstant * (this.seconds() - this.lastThrottleTime - this.timeWindow) ** 3 + this.lastMaxRate;
    }
    this.updateBucketRate(Math.min(calculatedRate, 2 * this.measuredTxRate));
  }

  /** The bucket's refill rate now, tokens per second (for tests and diagnostics). */
  get rate(): number {
    return this.fillRate;
  }

  /** Whether the limiter has engaged (after the first throttling error). */
  get isEnabled(): boolean {
    return this.enabled;
  }

  private computeTimeWindow(): void {
    this.timeWindow = Math.cbrt((this.lastMaxRate * (1 - this.beta)) / this.scaleConstant);
  }

  private refill(): void {
    const now = this.seconds();
    if (!this.lastTimestamp) {
      this.lastTimestamp = now;
      return;
    }
    this.currentCapacity = Math.min(this.maxCapacity, this.currentCapacity + (now - this.lastTimestamp) * this.fillRate);
    this.lastTimestamp = now;
  }

  private updateBucketRate(newRate: number): void {
    this.refill();
    this.fillRate = Math.max(newRate, this.minFillRate);
    this.maxCapacity = Math.max(newRate, this.minCapacity);
    this.currentCapacity = Math.min(this.currentCapacity, this.maxCapacity);
  }

  private updateMeasuredRate(): void {
    const bucket = Math.floor(this.seconds() * 2) / 2;
    this.requestCount++;
    if (bucket > this.lastTxRateBucket) {
      const currentRate = this.requestCount / (bucket - this.lastTxRateBucket);
      this.measuredTxRate = currentRate * this.smooth + this.measuredTxRate * (1 - this.smooth);
      this.requestCount = 0;
      this.lastTxRateBucket = bucket;
    }
  }
}
