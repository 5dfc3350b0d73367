import { exceptionClass } from "./SSOOIDCServiceException";

/** This client may not use this grant type or operation. */
export const UnauthorizedClientException = /*#__PURE__*/ exceptionClass("UnauthorizedClientException", "client");
export type UnauthorizedClientException = InstanceType<typeof UnauthorizedClientException>;

/** True for an `UnauthorizedClientException`, also one from another copy of this package. */
export const isUnauthorizedClientException = (e: unknown): e is UnauthorizedClientException => (e as Error | undefined)?.name === "UnauthorizedClientException";
