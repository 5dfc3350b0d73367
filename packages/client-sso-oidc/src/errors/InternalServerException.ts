import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The service failed while handling the request; retried automatically, then surfaced. */
export class InternalServerException extends SSOOIDCServiceException {
  declare readonly name: "InternalServerException";
  declare readonly $fault: "server";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InternalServerException", $fault: "server" });
  }
}

/** True for an `InternalServerException`, also one from another copy of this package. */
export const isInternalServerException = (e: unknown): e is InternalServerException => (e as Error | undefined)?.name === "InternalServerException";
