/** StartDeviceAuthorization input: begins the device authorization grant (RFC 8628 §3.1). */
export interface StartDeviceAuthorizationRequest {
  clientId: string | undefined;
  /** Secret: never logged. */
  clientSecret: string | undefined;
  /** The AWS access portal URL of the IAM Identity Center instance. */
  startUrl: string | undefined;
}

export interface StartDeviceAuthorizationResponse {
  /** Secret: redeems a token once the user approves; never logged. */
  deviceCode?: string | undefined;
  /** The code the user types on the verification page. */
  userCode?: string | undefined;
  /** Where the user goes to approve. */
  verificationUri?: string | undefined;
  /** The same, with the user code filled in. */
  verificationUriComplete?: string | undefined;
  /** Seconds until the device code expires. */
  expiresIn?: number | undefined;
  /** Seconds to wait between CreateToken polls. */
  interval?: number | undefined;
}
