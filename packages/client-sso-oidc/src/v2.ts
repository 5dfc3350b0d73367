// The AWS SDK v2's `AWS.SSOOIDC`, on its own entry: v2 code migrates by changing its import to
// `@ssokit/client-sso-oidc/v2`. The main entry's `SSOOIDC` is the AWS SDK v3's aggregated client instead.
export { SSOOIDC, type Callback, type V2Promise } from "./v2/SSOOIDC";
export { fromV2Options, API_VERSIONS, type SSOOIDCOptions, type FromV2 } from "./v2/v2Options";
