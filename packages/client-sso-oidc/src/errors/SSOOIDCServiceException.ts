import { ServiceException, type ServiceExceptionOptions } from "@ssokit/core";

/** What every SSO OIDC exception's constructor takes, as in `@aws-sdk/client-sso-oidc`. */
export interface SSOOIDCExceptionOptions extends Omit<ServiceExceptionOptions, "name" | "$fault"> {
  /** The OAuth 2.0 error code (RFC 6749 §5.2), such as `"authorization_pending"`. */
  error?: string;
  /** The service's human-readable explanation. */
  error_description?: string;
  reason?: string;
  endpoint?: string;
  region?: string;
}

/** Base of every exception the SSO OIDC service returns; extend-checks and `catch` filters can use it. */
export class SSOOIDCServiceException extends ServiceException {
  /** The OAuth 2.0 error code (RFC 6749 §5.2), such as `"authorization_pending"`. */
  error?: string;
  /** The service's human-readable explanation of the error. */
  error_description?: string;

  constructor(options: SSOOIDCExceptionOptions & { name: string; $fault: "client" | "server" }) {
    super(options);
    if (options.error !== undefined) this.error = options.error;
    if (options.error_description !== undefined) this.error_description = options.error_description;
  }
}

export const isSSOOIDCServiceException = (e: unknown): e is SSOOIDCServiceException =>
  ServiceException.isInstance(e);
