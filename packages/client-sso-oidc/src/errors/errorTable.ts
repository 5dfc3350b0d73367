import { AccessDeniedException } from "./AccessDeniedException";
import { AuthorizationPendingException } from "./AuthorizationPendingException";
import { ExpiredTokenException } from "./ExpiredTokenException";
import { InternalServerException } from "./InternalServerException";
import { InvalidClientException } from "./InvalidClientException";
import { InvalidClientMetadataException } from "./InvalidClientMetadataException";
import { InvalidGrantException } from "./InvalidGrantException";
import { InvalidRedirectUriException } from "./InvalidRedirectUriException";
import { InvalidRequestException } from "./InvalidRequestException";
import { InvalidRequestRegionException } from "./InvalidRequestRegionException";
import { InvalidScopeException } from "./InvalidScopeException";
import { SlowDownException } from "./SlowDownException";
import type { SSOOIDCExceptionOptions, SSOOIDCServiceException } from "./SSOOIDCServiceException";
import { UnauthorizedClientException } from "./UnauthorizedClientException";
import { UnsupportedGrantTypeException } from "./UnsupportedGrantTypeException";

type ExceptionClass = new (options: SSOOIDCExceptionOptions) => SSOOIDCServiceException;

/** Every modeled exception, by the name the service uses on the wire (`x-amzn-ErrorType`, `__type`, `code`). */
export const EXCEPTIONS: Readonly<Record<string, ExceptionClass>> = {
  AccessDeniedException,
  AuthorizationPendingException,
  ExpiredTokenException,
  InternalServerException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  InvalidRedirectUriException,
  InvalidRequestException,
  InvalidRequestRegionException,
  InvalidScopeException,
  SlowDownException,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
};

/**
 * OAuth 2.0 error codes (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 8628 §3.5) to exception names, for answers that carry
 * only the OAuth `error` field, as a proxy or an OAuth-only server may send.
 */
export const OAUTH_ERRORS: Readonly<Record<string, string>> = {
  access_denied: "AccessDeniedException",
  authorization_pending: "AuthorizationPendingException",
  expired_token: "ExpiredTokenException",
  server_error: "InternalServerException",
  temporarily_unavailable: "InternalServerException",
  invalid_client: "InvalidClientException",
  invalid_client_metadata: "InvalidClientMetadataException",
  invalid_grant: "InvalidGrantException",
  invalid_redirect_uri: "InvalidRedirectUriException",
  invalid_request: "InvalidRequestException",
  invalid_scope: "InvalidScopeException",
  slow_down: "SlowDownException",
  unauthorized_client: "UnauthorizedClientException",
  unsupported_grant_type: "UnsupportedGrantTypeException",
};

const own = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** The exception class for a wire code (an exception name or an OAuth error code), or undefined. */
export function exceptionFor(code: string): ExceptionClass | undefined {
  if (own(EXCEPTIONS, code)) return EXCEPTIONS[code];
  if (own(OAUTH_ERRORS, code)) return EXCEPTIONS[OAUTH_ERRORS[code]];
  return undefined;
}
