import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The grant type is not supported by the service. */
export class UnsupportedGrantTypeException extends SSOOIDCServiceException {
  declare readonly name: "UnsupportedGrantTypeException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "UnsupportedGrantTypeException", $fault: "client" });
  }
}

/** True for an `UnsupportedGrantTypeException`, also one from another copy of this package. */
export const isUnsupportedGrantTypeException = (e: unknown): e is UnsupportedGrantTypeException => (e as Error | undefined)?.name === "UnsupportedGrantTypeException";
