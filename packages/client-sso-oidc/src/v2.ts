// The AWS SDK v2's `AWS.SSOOIDC`, on its own entry: v2 code migrates by changing its import to
// `@ssokit/client-sso-oidc/v2`. The main entry's `SSOOIDC` is the AWS SDK v3's aggregated client instead.
export { SSOOIDC, type OperationArgs } from "./v2/SSOOIDC";
export { Request, type Callback, type RequestEvents } from "./v2/Request";
export { Response, type HttpResponseV2 } from "./v2/Response";
export type { V2Error } from "./v2/v2Error";
export { fromV2Options, API_VERSIONS, type SSOOIDCOptions, type FromV2 } from "./v2/v2Options";
