import { SdkError } from "./SdkError";

/**
 * The client's configuration cannot produce a request: no region and no endpoint, an endpoint that is not a URL,
 * FIPS with a custom endpoint, an unknown retry mode. The message says which setting to change.
 */
export class ConfigurationError extends SdkError {
  override readonly name = "ConfigurationError";
}

export const isConfigurationError = (e: unknown): e is ConfigurationError =>
  (e as Error | undefined)?.name === "ConfigurationError";
