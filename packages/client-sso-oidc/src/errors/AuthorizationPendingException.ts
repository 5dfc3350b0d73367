import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The user has not yet approved the device authorization; keep polling at the same interval (RFC 8628 §3.5). */
export class AuthorizationPendingException extends SSOOIDCServiceException {
  declare readonly name: "AuthorizationPendingException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "AuthorizationPendingException", $fault: "client" });
  }
}

/** True for an `AuthorizationPendingException`, also one from another copy of this package. */
export const isAuthorizationPendingException = (e: unknown): e is AuthorizationPendingException => (e as Error | undefined)?.name === "AuthorizationPendingException";
