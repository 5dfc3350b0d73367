/** The modeled exceptions this service answers with: HTTP status and OAuth 2.0 error code, per the Smithy model. */
export const EXCEPTIONS = {
  AccessDeniedException: { status: 400, error: "access_denied" },
  AuthorizationPendingException: { status: 400, error: "authorization_pending" },
  ExpiredTokenException: { status: 400, error: "expired_token" },
  InternalServerException: { status: 500, error: "server_error" },
  InvalidClientException: { status: 401, error: "invalid_client" },
  InvalidClientMetadataException: { status: 400, error: "invalid_client_metadata" },
  InvalidGrantException: { status: 400, error: "invalid_grant" },
  InvalidRedirectUriException: { status: 400, error: "invalid_redirect_uri" },
  InvalidRequestException: { status: 400, error: "invalid_request" },
  InvalidRequestRegionException: { status: 400, error: "invalid_request" },
  InvalidScopeException: { status: 400, error: "invalid_scope" },
  SlowDownException: { status: 400, error: "slow_down" },
  UnauthorizedClientException: { status: 400, error: "unauthorized_client" },
  UnsupportedGrantTypeException: { status: 400, error: "unsupported_grant_type" },
} as const;

export type ExceptionName = keyof typeof EXCEPTIONS;

/** An error the service answers with; thrown by the operations, written by the server. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    readonly exception: ExceptionName,
    readonly description: string,
    /** Overrides the model's status, as for a body over the size limit (413). */
    readonly status: number = EXCEPTIONS[exception].status,
    /** Members the exception has beyond `error` and `error_description`, such as InvalidRequestRegionException's `endpoint` and `region`. */
    readonly members: Record<string, string> = {},
  ) {
    super(`${exception}: ${description}`);
  }
}

/**
 * How AWS refuses a request whose SigV4 signature it cannot accept, before the operation sees it. These are not
 * the service's modeled exceptions: AWS's request authentication answers them, for every JSON service alike.
 */
export type SignatureFailure = "MissingAuthenticationTokenException" | "IncompleteSignatureException" | "InvalidSignatureException" | "UnrecognizedClientException";

/**
 * A refused signature: HTTP 403, `x-amzn-ErrorType: <failure>:http://internal.amazon.com/coral/com.amazon.coral.service/`
 * and a body of `{ "message" }`, as AWS's JSON services answer (the message says what to do, never a secret).
 */
export class SignatureError extends Error {
  override readonly name = "SignatureError";
  readonly status = 403;
  constructor(
    readonly failure: SignatureFailure,
    readonly description: string,
  ) {
    super(`${failure}: ${description}`);
  }
}
