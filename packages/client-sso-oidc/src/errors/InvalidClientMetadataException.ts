import { exceptionClass } from "./SSOOIDCServiceException";

/** RegisterClient refused the client's metadata (name, type, scopes or grant types). */
export const InvalidClientMetadataException = /*#__PURE__*/ exceptionClass("InvalidClientMetadataException", "client");
export type InvalidClientMetadataException = InstanceType<typeof InvalidClientMetadataException>;

/** True for an `InvalidClientMetadataException`, also one from another copy of this package. */
export const isInvalidClientMetadataException = (e: unknown): e is InvalidClientMetadataException => (e as Error | undefined)?.name === "InvalidClientMetadataException";
