import { exceptionClass } from "./SSOOIDCServiceException";

/** The service failed while handling the request; retried automatically, then surfaced. */
export const InternalServerException = /*#__PURE__*/ exceptionClass("InternalServerException", "server");
export type InternalServerException = InstanceType<typeof InternalServerException>;

/** True for an `InternalServerException`, also one from another copy of this package. */
export const isInternalServerException = (e: unknown): e is InternalServerException => (e as Error | undefined)?.name === "InternalServerException";
