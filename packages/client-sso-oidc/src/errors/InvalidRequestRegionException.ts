import { exceptionClass } from "./SSOOIDCServiceException";

/** The request went to a region other than the Identity Center instance's; `endpoint` and `region` say where to go. */
export const InvalidRequestRegionException = /*#__PURE__*/ exceptionClass<
  "InvalidRequestRegionException",
  "client",
  { endpoint?: string; region?: string }
>("InvalidRequestRegionException", "client", ["error", "error_description", "endpoint", "region"]);
export type InvalidRequestRegionException = InstanceType<typeof InvalidRequestRegionException>;

/** True for an `InvalidRequestRegionException`, also one from another copy of this package. */
export const isInvalidRequestRegionException = (e: unknown): e is InvalidRequestRegionException =>
  (e as Error | undefined)?.name === "InvalidRequestRegionException";
