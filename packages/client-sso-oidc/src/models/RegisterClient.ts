/** RegisterClient input: registers a public client that can then start device authorization or other grants. */
export interface RegisterClientRequest {
  /** A name for the client, shown to users on the approval page. */
  clientName: string | undefined;
  /** The only type the service accepts is `"public"`. */
  clientType: string | undefined;
  /** Scopes the client may ask for, such as `"sso:account:access"`. */
  scopes?: string[] | undefined;
  /** Redirect URIs for the authorization code grant. */
  redirectUris?: string[] | undefined;
  /** Grant types the client will use, such as `"authorization_code"` and `"refresh_token"`. */
  grantTypes?: string[] | undefined;
  /** The IAM Identity Center issuer URL, for the authorization code grant. */
  issuerUrl?: string | undefined;
  /** The ARN of the application the client is entitled to. */
  entitledApplicationArn?: string | undefined;
}

export interface RegisterClientResponse {
  clientId?: string | undefined;
  /** Secret: never logged. */
  clientSecret?: string | undefined;
  /** When the client id was issued, seconds since the epoch. */
  clientIdIssuedAt?: number | undefined;
  /** When the client secret expires, seconds since the epoch. */
  clientSecretExpiresAt?: number | undefined;
  authorizationEndpoint?: string | undefined;
  tokenEndpoint?: string | undefined;
}
