import { exceptionClass } from "./SSOOIDCServiceException";

/** The grant type is not supported by the service. */
export const UnsupportedGrantTypeException = /*#__PURE__*/ exceptionClass("UnsupportedGrantTypeException", "client");
export type UnsupportedGrantTypeException = InstanceType<typeof UnsupportedGrantTypeException>;

/** True for an `UnsupportedGrantTypeException`, also one from another copy of this package. */
export const isUnsupportedGrantTypeException = (e: unknown): e is UnsupportedGrantTypeException => (e as Error | undefined)?.name === "UnsupportedGrantTypeException";
