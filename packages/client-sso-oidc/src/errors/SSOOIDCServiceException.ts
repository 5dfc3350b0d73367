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

/** The members an exception has, in the model's order. Most have the OAuth pair only. */
export type ExceptionField = "error" | "error_description" | "reason" | "endpoint" | "region";
const OAUTH_FIELDS: readonly ExceptionField[] = ["error", "error_description"];

/** Base of every exception the SSO OIDC service returns; extend-checks and `catch` filters can use it. */
export class SSOOIDCServiceException extends ServiceException {
  /** The OAuth 2.0 error code (RFC 6749 §5.2), such as `"authorization_pending"`. */
  error?: string;
  /** The service's human-readable explanation of the error. */
  error_description?: string;

  constructor(options: SSOOIDCExceptionOptions & { name: string; $fault: "client" | "server" }, fields = OAUTH_FIELDS) {
    super(options);
    // Each of the class's members is an own property, undefined where the service sent none, as in v3; then
    // `message`, enumerable as v3's is.
    for (const f of fields) (this as any)[f] = options[f];
    const message = this.message;
    delete (this as { message?: string }).message;
    this.message = message;
  }
}

export const isSSOOIDCServiceException = (e: unknown): e is SSOOIDCServiceException => ServiceException.isInstance(e);

/** The class of one modeled exception: its instances carry the literal name and fault, and `Extra` members. */
export type ExceptionClass<N extends string, F extends "client" | "server", Extra = {}> = {
  new (options: SSOOIDCExceptionOptions): SSOOIDCServiceException & { readonly name: N; readonly $fault: F } & Extra;
  readonly prototype: SSOOIDCServiceException;
};

/**
 * Makes the class of one modeled exception. Each exception is still its own class, in its own file, with its own
 * `name` (also as the class's name, for stack traces and `instanceof`); only the constructor body is shared.
 */
export function exceptionClass<N extends string, F extends "client" | "server", Extra = {}>(
  name: N,
  $fault: F,
  fields?: readonly ExceptionField[],
): ExceptionClass<N, F, Extra> {
  const cls = class extends SSOOIDCServiceException {
    constructor(options: SSOOIDCExceptionOptions) {
      super({ ...options, name, $fault }, fields);
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls as unknown as ExceptionClass<N, F, Extra>;
}
