import { SdkError } from "./SdkError";

/**
 * The request or its response was lost on the way: refused or reset connection, unknown host, a body cut short.
 * `code` is the system error code (`ECONNRESET`, `ECONNREFUSED`, `ENOTFOUND`, ...) or `"NetworkError"`.
 */
export class NetworkError extends SdkError {
  override readonly name = "NetworkError";
}

export const isNetworkError = (e: unknown): e is NetworkError => (e as Error | undefined)?.name === "NetworkError";
