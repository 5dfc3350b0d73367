export { readSsoConfig, listSsoSessions, defaultConfigFile, type SsoConfig, type SsoConfigOptions, type ConfiguredSsoSession } from "./readSsoConfig";
export { SsoConfigError, isSsoConfigError, type SsoConfigErrorCode } from "./errors/SsoConfigError";
