import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The client id or secret is unknown, wrong, or expired; register the client again. */
export class InvalidClientException extends SSOOIDCServiceException {
  declare readonly name: "InvalidClientException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InvalidClientException", $fault: "client" });
  }
}

/** True for an `InvalidClientException`, also one from another copy of this package. */
export const isInvalidClientException = (e: unknown): e is InvalidClientException => (e as Error | undefined)?.name === "InvalidClientException";
