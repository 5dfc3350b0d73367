import { SSOOIDCServiceException, type SSOOIDCExceptionOptions } from "./SSOOIDCServiceException";

/** Polling too fast: wait 5 seconds more between CreateToken polls from now on (RFC 8628 §3.5). */
export class SlowDownException extends SSOOIDCServiceException {
  declare readonly name: "SlowDownException";
  declare readonly $fault: "client";

  constructor(options: SSOOIDCExceptionOptions) {
    super({ ...options, name: "SlowDownException", $fault: "client" });
  }
}

/** True for a `SlowDownException`, also one from another copy of this package. */
export const isSlowDownException = (e: unknown): e is SlowDownException => (e as Error | undefined)?.name === "SlowDownException";
