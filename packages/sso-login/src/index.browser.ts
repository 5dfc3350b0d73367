// The browser build's entry (the package's `browser` condition): device login and the error classes. Signing in
// through a loopback redirect, the token cache and the AWS config need a Node process (a local port, files), so
// they are not here and a browser bundle never meets their `node:` imports.
export {
  deviceLogin,
  DEVICE_CODE_GRANT,
  REGISTRATION_MARGIN,
  DEFAULT_INTERVAL,
  SLOW_DOWN_STEP,
  type DeviceLoginOptions,
  type DeviceLoginResult,
  type Registration,
  type VerificationInfo,
  type PollInfo,
  type CommandSender,
} from "./deviceLogin";
export { AuthorizationCodeError, isAuthorizationCodeError } from "./errors/AuthorizationCodeError";
export { DeviceAuthorizationDeniedError, isDeviceAuthorizationDeniedError } from "./errors/DeviceAuthorizationDeniedError";
export { DeviceAuthorizationExpiredError, isDeviceAuthorizationExpiredError } from "./errors/DeviceAuthorizationExpiredError";
export { TokenCacheError, isTokenCacheError } from "./errors/TokenCacheError";
export { LoginRequiredError, isLoginRequiredError } from "./errors/LoginRequiredError";
