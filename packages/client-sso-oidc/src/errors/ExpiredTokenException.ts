import { exceptionClass } from "./SSOOIDCServiceException";

/** The device code (or token) has expired; start the device authorization again. */
export const ExpiredTokenException = /*#__PURE__*/ exceptionClass("ExpiredTokenException", "client");
export type ExpiredTokenException = InstanceType<typeof ExpiredTokenException>;

/** True for an `ExpiredTokenException`, also one from another copy of this package. */
export const isExpiredTokenException = (e: unknown): e is ExpiredTokenException => (e as Error | undefined)?.name === "ExpiredTokenException";
