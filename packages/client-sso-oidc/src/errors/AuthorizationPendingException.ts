import { exceptionClass } from "./SSOOIDCServiceException";

/** The user has not yet approved the device authorization; keep polling at the same interval (RFC 8628 §3.5). */
export const AuthorizationPendingException = /*#__PURE__*/ exceptionClass("AuthorizationPendingException", "client");
export type AuthorizationPendingException = InstanceType<typeof AuthorizationPendingException>;

/** True for an `AuthorizationPendingException`, also one from another copy of this package. */
export const isAuthorizationPendingException = (e: unknown): e is AuthorizationPendingException => (e as Error | undefined)?.name === "AuthorizationPendingException";
