import { exceptionClass } from "./SSOOIDCServiceException";

/** A requested scope is unknown or not allowed for this client. */
export const InvalidScopeException = /*#__PURE__*/ exceptionClass("InvalidScopeException", "client");
export type InvalidScopeException = InstanceType<typeof InvalidScopeException>;

/** True for an `InvalidScopeException`, also one from another copy of this package. */
export const isInvalidScopeException = (e: unknown): e is InvalidScopeException => (e as Error | undefined)?.name === "InvalidScopeException";
