import { createRateLimiter } from "@ssokit/middleware-retry/adaptive";

import { fakeClock } from "../../core/test/support/fakeClock";

const clock = () => fakeClock(1_000_000);

describe("createRateLimiter", () => {
  it("does not wait before the first throttling error", async () => {
    const c = clock();
    const limiter = createRateLimiter({ clock: c.clock });
    for (let i = 0; i < 20; i++) {
      await limiter.getSendToken();
      limiter.updateClientSendingRate(false);
    }
    expect(limiter.isEnabled).toBe(false);
    expect(c.sleeps).toEqual([]);
  });

  it("engages after throttling, cutting the rate by beta of the measured rate", async () => {
    const c = clock();
    const limiter = createRateLimiter({ clock: c.clock });
    // 10 requests per second for 2 seconds, then a throttle.
    for (let i = 0; i < 20; i++) {
      c.advance(100);
      limiter.updateClientSendingRate(false);
    }
    c.advance(100);
    limiter.updateClientSendingRate(true);
    expect(limiter.isEnabled).toBe(true);
    expect(limiter.rate).toBeGreaterThan(0.5);
    expect(limiter.rate).toBeLessThan(10 * 0.7 + 0.001);
  });

  it("makes callers wait for tokens once engaged, by the fill rate, on the injected clock", async () => {
    const c = clock();
    const limiter = createRateLimiter({ clock: c.clock });
    limiter.updateClientSendingRate(true); // measured rate 0: the floor of 0.5 tokens/s applies
    expect(limiter.rate).toBe(0.5);
    await limiter.getSendToken();
    await limiter.getSendToken();
    expect(c.sleeps.length).toBeGreaterThanOrEqual(1);
    expect(c.sleeps.every((ms) => ms > 0 && ms <= 2000)).toBe(true);
  });

  it("grows the rate again along the cubic curve after successes", async () => {
    const c = clock();
    const limiter = createRateLimiter({ clock: c.clock });
    for (let i = 0; i < 40; i++) {
      c.advance(50);
      limiter.updateClientSendingRate(false);
    }
    limiter.updateClientSendingRate(true);
    const cut = limiter.rate;
    // Keep sending at the same pace: past the cubic's plateau the rate climbs above where it was cut.
    for (let i = 0; i < 80; i++) {
      c.advance(50);
      limiter.updateClientSendingRate(false);
    }
    expect(limiter.rate).toBeGreaterThan(cut);
  });
});
