import { SdkError, type SdkErrorOptions } from "./SdkError";

/**
 * A response arrived but cannot be read as the service's answer: a body that is not JSON (an HTML page from a
 * proxy, a truncated document), a body over `maxResponseBytes`, or members of the wrong type.
 * `code` is `"UnparseableResponse"`, `"ResponseTooLarge"` or `"UnexpectedResponse"`; `excerpt` holds the start of
 * the body with sensitive values masked.
 */
export class InvalidResponseError extends SdkError {
  override readonly name = "InvalidResponseError";
  /** `"server"` for a 5xx status, else `"client"`. */
  readonly $fault: "client" | "server";
  /** Up to 200 characters of the body, sensitive members masked. */
  readonly excerpt?: string;

  constructor(code: string, message: string, options?: SdkErrorOptions & { excerpt?: string }) {
    super(code, message, options);
    this.$fault = (this.$metadata.httpStatusCode ?? 0) >= 500 ? "server" : "client";
    if (options?.excerpt !== undefined) this.excerpt = options.excerpt;
  }
}

export const isInvalidResponseError = (e: unknown): e is InvalidResponseError =>
  (e as Error | undefined)?.name === "InvalidResponseError";
