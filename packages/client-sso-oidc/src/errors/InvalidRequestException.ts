import { exceptionClass } from "./SSOOIDCServiceException";

/** Why the request was invalid, where the service says. */
export const InvalidRequestExceptionReason = {
  KMS_KEY_NOT_FOUND: "KMS_NotFoundException",
  KMS_INVALID_KEY_USAGE: "KMS_InvalidKeyUsageException",
  KMS_INVALID_STATE: "KMS_InvalidStateException",
  KMS_DISABLED_KEY: "KMS_DisabledException",
} as const;
export type InvalidRequestExceptionReason = (typeof InvalidRequestExceptionReason)[keyof typeof InvalidRequestExceptionReason];

/** A parameter is missing or malformed; fix the request. */
export const InvalidRequestException = /*#__PURE__*/ exceptionClass<"InvalidRequestException", "client", { reason?: InvalidRequestExceptionReason }>(
  "InvalidRequestException",
  "client",
  ["error", "reason", "error_description"],
);
export type InvalidRequestException = InstanceType<typeof InvalidRequestException>;

/** True for an `InvalidRequestException`, also one from another copy of this package. */
export const isInvalidRequestException = (e: unknown): e is InvalidRequestException => (e as Error | undefined)?.name === "InvalidRequestException";
