import { exceptionClass } from "./SSOOIDCServiceException";

/** Polling too fast: wait 5 seconds more between CreateToken polls from now on (RFC 8628 §3.5). */
export const SlowDownException = /*#__PURE__*/ exceptionClass("SlowDownException", "client");
export type SlowDownException = InstanceType<typeof SlowDownException>;

/** True for a `SlowDownException`, also one from another copy of this package. */
export const isSlowDownException = (e: unknown): e is SlowDownException => (e as Error | undefined)?.name === "SlowDownException";
