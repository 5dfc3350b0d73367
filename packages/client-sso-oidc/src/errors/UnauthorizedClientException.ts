import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** This client may not use this grant type or operation. */
export class UnauthorizedClientException extends SSOOIDCServiceException {
  declare readonly name: "UnauthorizedClientException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "UnauthorizedClientException", $fault: "client" });
  }
}

/** True for an `UnauthorizedClientException`, also one from another copy of this package. */
export const isUnauthorizedClientException = (e: unknown): e is UnauthorizedClientException => (e as Error | undefined)?.name === "UnauthorizedClientException";
