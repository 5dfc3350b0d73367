import type { RetryErrorInfo } from "@smithy/types";
import {
  THROTTLING_ERROR_NAMES,
  TRANSIENT_ERROR_CODES,
  TRANSIENT_STATUS_CODES,
} from "./constants";
import { parseRetryAfter } from "./parseRetryAfter";

interface ErrorLike {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  $response?: { headers?: Record<string, string> };
}

/**
 * Classifies a failed attempt for the retry strategy. `CLIENT_ERROR` means "do not retry"; the others are
 * retried, `THROTTLING` with a longer back-off. Time is passed in so the `Retry-After` hint uses the injected clock.
 */
export function retryErrorInfo(error: unknown, now: number): RetryErrorInfo {
  const e = (error ?? {}) as ErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const retryAfter = parseRetryAfter(e.$response?.headers, now);
  const info = (errorType: RetryErrorInfo["errorType"]): RetryErrorInfo => ({
    error: error as RetryErrorInfo["error"],
    errorType,
    ...(retryAfter === undefined ? {} : { retryAfterHint: new Date(retryAfter) }),
  });
  if (e.name === "AbortError") return info("CLIENT_ERROR");
  if (status === 429 || e.$retryable?.throttling === true || (e.name !== undefined && THROTTLING_ERROR_NAMES.includes(e.name))) {
    return info("THROTTLING");
  }
  if (e.name === "TimeoutError") return info("TRANSIENT");
  if (status === undefined && e.code !== undefined && TRANSIENT_ERROR_CODES.includes(e.code)) return info("TRANSIENT");
  if (status !== undefined && TRANSIENT_STATUS_CODES.includes(status)) return info("TRANSIENT");
  // A connection cut in the middle of a response body: the status arrived, the answer did not.
  if (e.name === "NetworkError" && e.code !== undefined && TRANSIENT_ERROR_CODES.includes(e.code)) return info("TRANSIENT");
  return info("CLIENT_ERROR");
}
