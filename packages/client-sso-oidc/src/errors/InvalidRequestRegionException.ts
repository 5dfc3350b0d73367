import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** The request went to a region other than the Identity Center instance's; `endpoint` and `region` say where to go. */
export class InvalidRequestRegionException extends SSOOIDCServiceException {
  declare readonly name: "InvalidRequestRegionException";
  declare readonly $fault: "client";
  /** The endpoint to use instead. */
  endpoint?: string;
  /** The region to use instead. */
  region?: string;

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "InvalidRequestRegionException", $fault: "client" });
    if (options.endpoint !== undefined) this.endpoint = options.endpoint;
    if (options.region !== undefined) this.region = options.region;
  }
}

/** True for an `InvalidRequestRegionException`, also one from another copy of this package. */
export const isInvalidRequestRegionException = (e: unknown): e is InvalidRequestRegionException =>
  (e as Error | undefined)?.name === "InvalidRequestRegionException";
