import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** Why access was denied, where the service says. */
export const AccessDeniedExceptionReason = {
  KMS_ACCESS_DENIED: "KMS_AccessDeniedException",
} as const;
export type AccessDeniedExceptionReason = (typeof AccessDeniedExceptionReason)[keyof typeof AccessDeniedExceptionReason];

/** The user denied the authorization request, or the caller lacks access. Do not retry. */
export class AccessDeniedException extends SSOOIDCServiceException {
  declare readonly name: "AccessDeniedException";
  declare readonly $fault: "client";
  reason?: AccessDeniedExceptionReason;

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "AccessDeniedException", $fault: "client" });
    if (options.reason !== undefined) this.reason = options.reason as AccessDeniedExceptionReason;
  }
}

/** True for an `AccessDeniedException`, also one from another copy of this package. */
export const isAccessDeniedException = (e: unknown): e is AccessDeniedException =>
  (e as Error | undefined)?.name === "AccessDeniedException";
