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

/** Every modeled exception, by the name the service uses on the wire (`x-amzn-ErrorType`, `__type`, `code`). */
export const EXCEPTIONS: ReadonlyMap<string, new (options: SSOOIDCExceptionOptions) => SSOOIDCServiceException> = /*#__PURE__*/ new Map(
  [
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
  ].map((exception) => [exception.name, exception]),
);

/**
 * The exception class for a wire code: an exception name, or an OAuth 2.0 error code (RFC 6749 §5.2, RFC 7591
 * §3.2.2, RFC 8628 §3.5) as a proxy or an OAuth-only answer may carry alone. OAuth codes map by their words
 * (`slow_down` is `SlowDownException`), except the two that mean the server failed.
 */
export function exceptionFor(code: string) {
  const name =
    code === "server_error" || code === "temporarily_unavailable"
      ? "InternalServerException"
      : /^[a-z_]+$/.test(code)
        ? code.replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase()) + "Exception"
        : code;
  return EXCEPTIONS.get(name);
}
