import type { RetryErrorInfo } from "@smithy/types";
import { THROTTLING_ERROR_NAMES, TRANSIENT_ERROR_CODES, TRANSIENT_STATUS_CODES } from "./retryableErrors";
import { parseRetryAfter } from "./parseRetryAfter";

/**
 * Classifies a failed attempt for the retry strategy. `CLIENT_ERROR` means "do not retry"; the others are
 * retried, `THROTTLING` with a longer back-off. Time is passed in so the `Retry-After` hint uses the injected clock.
 */
export function retryErrorInfo(error: any, now: number): RetryErrorInfo {
  const status: number | undefined = error?.$metadata?.httpStatusCode;
  const name: string | undefined = error?.name;
  const retryAfter = parseRetryAfter(error?.$response?.headers, now);
  const errorType: RetryErrorInfo["errorType"] =
    name === "AbortError"
      ? "CLIENT_ERROR"
      : status === 429 || error?.$retryable?.throttling || THROTTLING_ERROR_NAMES.includes(name!)
        ? "THROTTLING"
        : name === "TimeoutError" ||
            // A signed call failed for a clock five minutes or more off, which the signer just corrected (as v3).
            error?.$metadata?.clockSkewCorrected ||
            TRANSIENT_STATUS_CODES.includes(status!) ||
            // A network failure, also one that cut a response short after its status arrived.
            ((status === undefined || name === "NetworkError") && TRANSIENT_ERROR_CODES.includes(error?.code))
          ? "TRANSIENT"
          : "CLIENT_ERROR";
  return retryAfter === undefined ? { error, errorType } : { error, errorType, retryAfterHint: new Date(retryAfter) };
}
