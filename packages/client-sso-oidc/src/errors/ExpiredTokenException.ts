import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The device code (or token) has expired; start the device authorization again. */
export class ExpiredTokenException extends SSOOIDCServiceException {
  declare readonly name: "ExpiredTokenException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "ExpiredTokenException", $fault: "client" });
  }
}

/** True for an `ExpiredTokenException`, also one from another copy of this package. */
export const isExpiredTokenException = (e: unknown): e is ExpiredTokenException => (e as Error | undefined)?.name === "ExpiredTokenException";
