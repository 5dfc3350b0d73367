export { readSsoConfig, defaultConfigFile, type SsoConfig, type SsoConfigOptions } from "./readSsoConfig";
export { SsoConfigError, isSsoConfigError, type SsoConfigErrorCode } from "./errors/SsoConfigError";
