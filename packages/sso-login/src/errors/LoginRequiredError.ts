import { SdkError, type SdkErrorOptions } from "@ssokit/core";

/**
 * There is no usable cached token and none can be had without the user: no cached token (`NoCachedToken`), one
 * that has expired and cannot be refreshed (`TokenExpired`), one that cannot be refreshed when a refresh was asked
 * for (`CannotRefresh`), or a refresh the service refused (`RefreshFailed`, with the service's error as `cause`).
 * The message names the cache file and says to sign in again; it never holds a token.
 */
export class LoginRequiredError extends SdkError {
  override readonly name = "LoginRequiredError";
  /** The cache file concerned. */
  readonly file: string;

  constructor(code: "NoCachedToken" | "TokenExpired" | "CannotRefresh" | "RefreshFailed", file: string, message: string, options?: SdkErrorOptions) {
    super(code, message, options);
    this.file = file;
  }
}

export const isLoginRequiredError = (e: unknown): e is LoginRequiredError => (e as Error | undefined)?.name === "LoginRequiredError";
