import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** RegisterClient refused a redirect URI. */
export class InvalidRedirectUriException extends SSOOIDCServiceException {
  declare readonly name: "InvalidRedirectUriException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InvalidRedirectUriException", $fault: "client" });
  }
}

/** True for an `InvalidRedirectUriException`, also one from another copy of this package. */
export const isInvalidRedirectUriException = (e: unknown): e is InvalidRedirectUriException => (e as Error | undefined)?.name === "InvalidRedirectUriException";
