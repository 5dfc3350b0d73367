import { exceptionClass } from "./SSOOIDCServiceException";

/** The grant (device code, authorization code or refresh token) is unknown, used, or revoked. */
export const InvalidGrantException = /*#__PURE__*/ exceptionClass("InvalidGrantException", "client");
export type InvalidGrantException = InstanceType<typeof InvalidGrantException>;

/** True for an `InvalidGrantException`, also one from another copy of this package. */
export const isInvalidGrantException = (e: unknown): e is InvalidGrantException => (e as Error | undefined)?.name === "InvalidGrantException";
