import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** A requested scope is unknown or not allowed for this client. */
export class InvalidScopeException extends SSOOIDCServiceException {
  declare readonly name: "InvalidScopeException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InvalidScopeException", $fault: "client" });
  }
}

/** True for an `InvalidScopeException`, also one from another copy of this package. */
export const isInvalidScopeException = (e: unknown): e is InvalidScopeException => (e as Error | undefined)?.name === "InvalidScopeException";
