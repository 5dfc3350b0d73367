import { exceptionClass } from "./SSOOIDCServiceException";

/** The client id or secret is unknown, wrong, or expired; register the client again. */
export const InvalidClientException = /*#__PURE__*/ exceptionClass("InvalidClientException", "client");
export type InvalidClientException = InstanceType<typeof InvalidClientException>;

/** True for an `InvalidClientException`, also one from another copy of this package. */
export const isInvalidClientException = (e: unknown): e is InvalidClientException => (e as Error | undefined)?.name === "InvalidClientException";
