export { Client, type SendCallback } from "./Client";
export { Command, type CommandSpec } from "./Command";
export { ServiceException, type ServiceExceptionOptions } from "./ServiceException";
export { SdkError, isSdkError, type SdkErrorOptions } from "./errors/SdkError";
export { TimeoutError, isTimeoutError } from "./errors/TimeoutError";
export { AbortError, isAbortError } from "./errors/AbortError";
export { NetworkError, isNetworkError } from "./errors/NetworkError";
export { ConfigurationError, isConfigurationError } from "./errors/ConfigurationError";
export { InvalidResponseError, isInvalidResponseError } from "./errors/InvalidResponseError";
export { sendRequest } from "./sendRequest";
export { readBody, type BodyReader } from "./readBody";
export { readNodeBody } from "./readNodeBody";
export { abortController, onabortSignal, type AttemptAbort, type AttemptAbortFactory } from "./attemptAbort";
export { createTrackedStack } from "./trackedStack";
export { orderMiddleware, type MiddlewareFactory, type CommandPlugins } from "./middlewareOrder";
export { redact, SENSITIVE_STRING } from "./redact";
export { secretValues } from "./secretValues";
export { scrub } from "./scrub";
export { scrubError } from "./scrubError";
export { loadModule } from "./loadModule";
export { normalizeProvider } from "./normalizeProvider";
export {
  resolveRuntimeExtensions,
  type RuntimeExtension,
  type ExtensionConfiguration,
  type ExtensionsInputConfig,
} from "./resolveRuntimeExtensions";
export {
  resolveCredentialsConfig,
  type CredentialsInputConfig,
  type CredentialsResolvedConfig,
  type CredentialDefaultProvider,
} from "./resolveCredentialsConfig";
export { systemClock } from "./systemClock";
export { noOpLogger } from "./noOpLogger";
export {
  userAgentMiddleware,
  userAgentMiddlewareOptions,
  getUserAgentPlugin,
  resolveUserAgentConfig,
  type UserAgentInputConfig,
  type UserAgentResolvedConfig,
} from "./userAgentMiddleware";
export type { Clock, SendOptions, CoreResolvedConfig, SsoContext, LineLogger } from "./types";
export {
  resolveTransportConfig,
  DEFAULT_REQUEST_TIMEOUT,
  DEFAULT_MAX_RESPONSE_BYTES,
  type TransportInputConfig,
} from "./resolveTransportConfig";
export { ValidationError, isValidationError, type ValidationProblem } from "./errors/ValidationError";
export { redirectMiddleware, redirectMiddlewareOptions, getRedirectPlugin, type RedirectResolvedConfig } from "./redirectMiddleware";
export {
  clockSkewMiddleware,
  clockSkewMiddlewareOptions,
  getClockSkewPlugin,
  CLOCK_SKEW_THRESHOLD,
  type ClockSkewResolvedConfig,
} from "./clockSkewMiddleware";
