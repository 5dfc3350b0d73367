import { SdkError, type SdkErrorOptions } from "@ssokit/core";

/**
 * The browser part of the authorization code grant did not produce a code: the user denied (`AccessDenied`), no
 * answer came in time (`Timeout`), or the service sent the browser back with another OAuth error, whose code
 * (`invalid_request`, `unauthorized_client`, ...) is the `code` here.
 */
export class AuthorizationCodeError extends SdkError {
  override readonly name = "AuthorizationCodeError";

  constructor(code: string, message: string, options?: SdkErrorOptions) {
    super(code, message, options);
  }
}

export const isAuthorizationCodeError = (e: unknown): e is AuthorizationCodeError => (e as Error | undefined)?.name === "AuthorizationCodeError";
