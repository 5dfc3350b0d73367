import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** RegisterClient refused the client's metadata (name, type, scopes or grant types). */
export class InvalidClientMetadataException extends SSOOIDCServiceException {
  declare readonly name: "InvalidClientMetadataException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InvalidClientMetadataException", $fault: "client" });
  }
}

/** True for an `InvalidClientMetadataException`, also one from another copy of this package. */
export const isInvalidClientMetadataException = (e: unknown): e is InvalidClientMetadataException => (e as Error | undefined)?.name === "InvalidClientMetadataException";
