import { exceptionClass } from "./SSOOIDCServiceException";

/** RegisterClient refused a redirect URI. */
export const InvalidRedirectUriException = /*#__PURE__*/ exceptionClass("InvalidRedirectUriException", "client");
export type InvalidRedirectUriException = InstanceType<typeof InvalidRedirectUriException>;

/** True for an `InvalidRedirectUriException`, also one from another copy of this package. */
export const isInvalidRedirectUriException = (e: unknown): e is InvalidRedirectUriException => (e as Error | undefined)?.name === "InvalidRedirectUriException";
