export { readSsoConfig, defaultConfigFile, type SsoConfig, type SsoConfigOptions } from "./ssoConfig";
export { SsoConfigError, isSsoConfigError, type SsoConfigErrorCode } from "./errors/SsoConfigError";
