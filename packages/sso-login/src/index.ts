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
export {
  authorizationCodeLogin,
  LOOPBACK_REDIRECT_URI,
  AUTHORIZATION_TIMEOUT,
  type AuthorizationCodeLoginOptions,
} from "./authorizationCodeLogin";
export { AuthorizationCodeError, isAuthorizationCodeError } from "./errors/AuthorizationCodeError";
export { DeviceAuthorizationDeniedError, isDeviceAuthorizationDeniedError } from "./errors/DeviceAuthorizationDeniedError";
export { DeviceAuthorizationExpiredError, isDeviceAuthorizationExpiredError } from "./errors/DeviceAuthorizationExpiredError";
export { TokenCacheError, isTokenCacheError } from "./errors/TokenCacheError";
export { LoginRequiredError, isLoginRequiredError } from "./errors/LoginRequiredError";
export { getCachedToken, fromCachedToken, REFRESH_WINDOW, type GetCachedTokenOptions, type CachedTokenResult } from "./getCachedToken";
