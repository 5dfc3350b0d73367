import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The grant (device code, authorization code or refresh token) is unknown, used, or revoked. */
export class InvalidGrantException extends SSOOIDCServiceException {
  declare readonly name: "InvalidGrantException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InvalidGrantException", $fault: "client" });
  }
}

/** True for an `InvalidGrantException`, also one from another copy of this package. */
export const isInvalidGrantException = (e: unknown): e is InvalidGrantException => (e as Error | undefined)?.name === "InvalidGrantException";
