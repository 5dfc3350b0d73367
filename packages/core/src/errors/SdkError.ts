import type { ResponseMetadata } from "@smithy/types";

export interface SdkErrorOptions {
  /** The lower-level error that led to this one. */
  cause?: unknown;
  /** What is known of the exchange; the retry middleware adds `attempts` and `totalRetryDelay`. */
  $metadata?: ResponseMetadata;
}

/**
 * Base of every error that does not come from the service: timeouts, network failures, aborted calls, bad
 * configuration, responses that cannot be read. `code` is stable across releases; branch on it, not on `message`.
 */
export class SdkError extends Error {
  /** A stable, machine-readable reason, such as `"RequestTimeout"` or `"ECONNRESET"`. */
  readonly code: string;
  /** Response metadata: `httpStatusCode` where a response arrived, `attempts` and `totalRetryDelay` after retry. */
  $metadata: ResponseMetadata;

  constructor(code: string, message: string, options?: SdkErrorOptions) {
    super(message, { cause: options?.cause });
    this.name = "SdkError";
    this.code = code;
    this.$metadata = options?.$metadata ?? {};
  }
}

/** True for any {@link SdkError}, also one thrown by another copy of this package. */
export const isSdkError = (e: any): e is SdkError => e instanceof Error && typeof (e as SdkError).code === "string" && typeof (e as SdkError).$metadata === "object";
