import { exceptionClass } from "./SSOOIDCServiceException";

/** Why access was denied, where the service says. */
export const AccessDeniedExceptionReason = {
  KMS_ACCESS_DENIED: "KMS_AccessDeniedException",
} as const;
export type AccessDeniedExceptionReason = (typeof AccessDeniedExceptionReason)[keyof typeof AccessDeniedExceptionReason];

/** The user denied the authorization request, or the caller lacks access. Do not retry. */
export const AccessDeniedException = /*#__PURE__*/ exceptionClass<"AccessDeniedException", "client", { reason?: AccessDeniedExceptionReason }>(
  "AccessDeniedException",
  "client",
  ["error", "reason", "error_description"],
);
export type AccessDeniedException = InstanceType<typeof AccessDeniedException>;

/** True for an `AccessDeniedException`, also one from another copy of this package. */
export const isAccessDeniedException = (e: unknown): e is AccessDeniedException => (e as Error | undefined)?.name === "AccessDeniedException";
