import {
  INITIAL_RETRY_TOKENS,
  MAXIMUM_RETRY_DELAY,
  RetryRefusedError,
  StandardRetryStrategy,
} from "@ssokit/middleware-retry";
import type { RetryErrorInfo, StandardRetryToken } from "@smithy/types";

const info = (errorType: RetryErrorInfo["errorType"], extra: Partial<RetryErrorInfo> = {}): RetryErrorInfo => ({ errorType, ...extra });

async function retries(strategy: StandardRetryStrategy, n: number, errorType: RetryErrorInfo["errorType"] = "TRANSIENT") {
  let token: StandardRetryToken = await strategy.acquireInitialRetryToken("scope");
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    token = await strategy.refreshRetryTokenForRetry(token, info(errorType));
    delays.push(token.getRetryDelay());
  }
  return { token, delays };
}

describe("StandardRetryStrategy", () => {
  it("returns full-jitter exponential delays: random × 100 ms × 2^n", async () => {
    const { delays } = await retries(new StandardRetryStrategy(10, { random: () => 0.5 }), 5);
    expect(delays).toEqual([50, 100, 200, 400, 800]);
  });

  it("returns delays with a 1 s base after throttling", async () => {
    const { delays } = await retries(new StandardRetryStrategy(10, { random: () => 0.5 }), 3, "THROTTLING");
    expect(delays).toEqual([500, 1000, 2000]);
  });

  it("caps every delay at 20 s", async () => {
    const { delays } = await retries(new StandardRetryStrategy(20, { random: () => 0.999999 }), 12, "THROTTLING");
    expect(Math.max(...delays)).toBe(MAXIMUM_RETRY_DELAY - 1);
    expect(delays.slice(-3)).toEqual([19999, 19999, 19999]);
  });

  it("uses a Retry-After hint as a floor, measured on its clock", async () => {
    const s = new StandardRetryStrategy(3, { random: () => 0, now: () => 1_000_000 });
    const token = await s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(""), info("THROTTLING", { retryAfterHint: new Date(1_002_500) }));
    expect(token.getRetryDelay()).toBe(2500);
  });

  it("refuses a CLIENT_ERROR", async () => {
    const s = new StandardRetryStrategy(3);
    await expect(s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(""), info("CLIENT_ERROR"))).rejects.toEqual(new RetryRefusedError("not-retryable"));
  });

  it("refuses once maxAttempts attempts were made", async () => {
    const s = new StandardRetryStrategy(3);
    const { token } = await retries(s, 2);
    expect(token.getRetryCount()).toBe(2);
    await expect(s.refreshRetryTokenForRetry(token, info("TRANSIENT"))).rejects.toMatchObject({ reason: "max-attempts" });
  });

  it("reads maxAttempts from a provider on each decision", async () => {
    let max = 2;
    const s = new StandardRetryStrategy(async () => max);
    const first = await s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(""), info("TRANSIENT"));
    await expect(s.refreshRetryTokenForRetry(first, info("TRANSIENT"))).rejects.toMatchObject({ reason: "max-attempts" });
    max = 5;
    await expect(s.refreshRetryTokenForRetry(first, info("TRANSIENT"))).resolves.toBeDefined();
  });

  it("spends 5 tokens per retry and 10 per timeout retry, and refunds them on success", async () => {
    const s = new StandardRetryStrategy(100);
    const start = await s.acquireInitialRetryToken("");
    const t1 = await s.refreshRetryTokenForRetry(start, info("TRANSIENT"));
    expect(s.availableCapacity).toBe(INITIAL_RETRY_TOKENS - 5);
    const t2 = await s.refreshRetryTokenForRetry(t1, info("TRANSIENT", { error: Object.assign(new Error("t"), { name: "TimeoutError" }) as never }));
    expect(t2.getRetryCost()).toBe(10);
    expect(s.availableCapacity).toBe(INITIAL_RETRY_TOKENS - 15);
    s.recordSuccess(t2);
    expect(s.availableCapacity).toBe(INITIAL_RETRY_TOKENS - 5);
  });

  it("gives back 1 token for a first-attempt success, never above the initial 500", async () => {
    const s = new StandardRetryStrategy(100);
    const { token } = await retries(s, 1);
    expect(s.availableCapacity).toBe(495);
    s.recordSuccess(await s.acquireInitialRetryToken(""));
    expect(s.availableCapacity).toBe(496);
    s.recordSuccess(token);
    s.recordSuccess(token);
    expect(s.availableCapacity).toBe(500);
  });

  it("refuses when the quota is empty", async () => {
    const s = new StandardRetryStrategy(1000);
    await retries(s, 100);
    expect(s.availableCapacity).toBe(0);
    await expect(s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(""), info("TRANSIENT"))).rejects.toMatchObject({ reason: "quota-exhausted" });
  });
});
