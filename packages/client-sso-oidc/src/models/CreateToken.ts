/** CreateToken input: redeems a grant (device code, authorization code or refresh token) for tokens. */
export interface CreateTokenRequest {
  clientId: string | undefined;
  /** Secret: never logged. */
  clientSecret: string | undefined;
  /** `"urn:ietf:params:oauth:grant-type:device_code"`, `"authorization_code"` or `"refresh_token"`. */
  grantType: string | undefined;
  /** Secret: the device code from StartDeviceAuthorization. */
  deviceCode?: string | undefined;
  /** Secret: the authorization code from the redirect. */
  code?: string | undefined;
  /** Secret: the refresh token from an earlier CreateToken. */
  refreshToken?: string | undefined;
  /** Scopes to ask for, a subset of the registered ones. */
  scope?: string[] | undefined;
  /** The redirect URI used to get `code`. */
  redirectUri?: string | undefined;
  /** Secret: the PKCE verifier (RFC 7636) for `code`. */
  codeVerifier?: string | undefined;
}

export interface CreateTokenResponse {
  /** Secret: never logged. */
  accessToken?: string | undefined;
  /** Always `"Bearer"`. */
  tokenType?: string | undefined;
  /** Seconds until the access token expires. */
  expiresIn?: number | undefined;
  /** Secret: never logged. */
  refreshToken?: string | undefined;
  /** Secret: never logged. */
  idToken?: string | undefined;
}
