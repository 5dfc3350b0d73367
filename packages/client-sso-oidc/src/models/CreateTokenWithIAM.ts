/**
 * CreateTokenWithIAM input: an application (by ARN), calling with AWS credentials, redeems a grant for IAM Identity
 * Center tokens: an authorization code, a refresh token, a JWT from a trusted token issuer (jwt-bearer), or a token
 * to exchange (token-exchange). The call is signed with SigV4.
 */
export interface CreateTokenWithIAMRequest {
  /** The application's ARN, which has the grant configured. */
  clientId: string | undefined;
  /**
   * `"authorization_code"`, `"refresh_token"`, `"urn:ietf:params:oauth:grant-type:jwt-bearer"` or
   * `"urn:ietf:params:oauth:grant-type:token-exchange"`.
   */
  grantType: string | undefined;
  /** Secret: the authorization code from the redirect. */
  code?: string | undefined;
  /** Secret: the refresh token from an earlier call. */
  refreshToken?: string | undefined;
  /** Secret: the JWT a trusted token issuer signed (jwt-bearer). */
  assertion?: string | undefined;
  /** Scopes to ask for, fewer than the application has if wanted. */
  scope?: string[] | undefined;
  /** The redirect URI used to get `code`. */
  redirectUri?: string | undefined;
  /** Secret: the token to exchange (token-exchange). */
  subjectToken?: string | undefined;
  /** The type of `subjectToken`, such as `"urn:ietf:params:oauth:token-type:access_token"`. */
  subjectTokenType?: string | undefined;
  /** The type of token wanted back, such as `"urn:ietf:params:oauth:token-type:access_token"`. */
  requestedTokenType?: string | undefined;
  /** Secret: the PKCE verifier (RFC 7636) for `code`. */
  codeVerifier?: string | undefined;
}

/** What IAM Identity Center adds about the user: the identity context that AWS services authorize with. */
export interface AwsAdditionalDetails {
  /** Signed and encrypted by STS; the same as the `sts:identity_context` claim of `idToken`. */
  identityContext?: string | undefined;
}

export interface CreateTokenWithIAMResponse {
  /** Secret: never logged. */
  accessToken?: string | undefined;
  /** Always `"Bearer"`. */
  tokenType?: string | undefined;
  /** Seconds until the access token expires. */
  expiresIn?: number | undefined;
  /** Secret: never logged. */
  refreshToken?: string | undefined;
  /** Secret: a JWT naming the user; never logged. */
  idToken?: string | undefined;
  /** `"urn:ietf:params:oauth:token-type:access_token"` or `"urn:ietf:params:oauth:token-type:refresh_token"`. */
  issuedTokenType?: string | undefined;
  /** The scopes granted. */
  scope?: string[] | undefined;
  awsAdditionalDetails?: AwsAdditionalDetails | undefined;
}
