import { isSsoConfigError } from "@ssokit/sso-login/config";
import { isAuthorizationCodeError, isDeviceAuthorizationDeniedError, isDeviceAuthorizationExpiredError, isLoginRequiredError, isTokenCacheError } from "@ssokit/sso-login";
import { ServiceException, isSdkError } from "@ssokit/core";
import { EXIT } from "./exitCodes";
import { minutes } from "./progressLine";
import { UsageError } from "./UsageError";

/**
 * The exit code and one-line reason for an error; never a stack, never a secret (SDK messages are scrubbed). A
 * network failure or timeout that was retried says how often and, given when the call began (`since`, ms), for
 * how long: one timeout must not hide three attempts.
 */
export function describeError(e: unknown, since?: number): { exit: number; code: string; message: string } {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { attempts?: number } };
  const message = String(err?.message ?? e).split("\n")[0];
  const attempts = err?.$metadata?.attempts ?? 1;
  const retried = attempts > 1 ? ` Gave up after ${attempts} attempts${since === undefined ? "" : ` in ${minutes(Date.now() - since)}`}.` : "";
  if (e instanceof UsageError) return { exit: EXIT.USAGE, code: "Usage", message };
  if (isSsoConfigError(e)) return { exit: EXIT.USAGE, code: err.code!, message };
  if (isDeviceAuthorizationDeniedError(e)) return { exit: EXIT.DENIED, code: "AccessDenied", message };
  if (isDeviceAuthorizationExpiredError(e)) return { exit: EXIT.EXPIRED, code: "Expired", message };
  if (isAuthorizationCodeError(e)) {
    const exit = err.code === "AccessDenied" ? EXIT.DENIED : err.code === "Timeout" ? EXIT.EXPIRED : EXIT.SERVICE;
    return { exit, code: err.code!, message };
  }
  if (isTokenCacheError(e)) return { exit: EXIT.CACHE, code: err.code!, message };
  if (isLoginRequiredError(e)) return { exit: EXIT.LOGIN_REQUIRED, code: err.code!, message };
  if (err?.name === "AbortError") return { exit: EXIT.INTERRUPTED, code: "Interrupted", message: "Cancelled." };
  if (err?.name === "NetworkError" || err?.name === "TimeoutError") return { exit: EXIT.NETWORK, code: err.code ?? err.name, message: message + retried };
  if (err?.name === "ConfigurationError") return { exit: EXIT.USAGE, code: err.code ?? "Configuration", message };
  if (ServiceException.isInstance(e)) return { exit: EXIT.SERVICE, code: err.name!, message: `${err.name}: ${message}` };
  if (isSdkError(e)) return { exit: EXIT.SERVICE, code: err.code!, message };
  return { exit: EXIT.UNEXPECTED, code: "Unexpected", message };
}
