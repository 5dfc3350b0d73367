// The AWS SDK v2's `AWS.SSOOIDC`, on its own entry: v2 code migrates by changing its import to
// `@ssokit/client-sso-oidc/v2`. The main entry's `SSOOIDC` is the AWS SDK v3's aggregated client instead.
export { SSOOIDC, type OperationArgs, type RequestHandler } from "./v2/SSOOIDC";
export { Request, type Callback, type RequestEvents } from "./v2/Request";
export { Response, type HttpResponseV2 } from "./v2/Response";
export { Endpoint } from "./v2/Endpoint";
export { Credentials, type CredentialsOptions } from "./v2/Credentials";
export type { Config, CredentialsLike, CredentialProviderLike } from "./v2/Config";
export type { V2Error } from "./v2/v2Error";
export { fromV2Options, API_VERSIONS, type SSOOIDCOptions, type FromV2 } from "./v2/v2Options";
