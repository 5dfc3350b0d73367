/** Thrown by `refreshRetryTokenForRetry` when no retry is allowed; the retry middleware rethrows the original error. */
export class RetryRefusedError extends Error {
  override readonly name = "RetryRefusedError";
  constructor(readonly reason: "not-retryable" | "max-attempts" | "quota-exhausted") {
    super(`no retry: ${reason}`);
  }
}
