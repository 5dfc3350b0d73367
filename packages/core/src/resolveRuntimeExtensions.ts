import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpHandlerOptions, HttpResponse, Provider, RequestHandler } from "@smithy/types";

type Handler = RequestHandler<any, HttpResponse, HttpHandlerOptions> & {
  updateHttpClientConfig?(key: never, value: unknown): void;
  httpHandlerConfigs?(): object;
};

/** What an extension's `configure` receives: the getters and setters the AWS SDK v3 passes for this client. */
export interface ExtensionConfiguration {
  /** The region, as the provider `client.config.region` holds. */
  region(): Provider<string | undefined>;
  setRegion(region: string | Provider<string | undefined>): void;
  /** The credentials provider `client.config.credentials` holds. */
  credentials(): AwsCredentialIdentityProvider;
  setCredentials(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): void;
  /** The request handler. */
  httpHandler(): Handler;
  setHttpHandler(handler: Handler): void;
  /** Changes one setting of the request handler, where it supports that (`updateHttpClientConfig`). */
  updateHttpClientConfig(key: never, value: unknown): void;
  httpHandlerConfigs(): object;
  /** The retry strategy, as the provider `client.config.retryStrategy` holds. */
  retryStrategy(): Provider<unknown>;
  /** A strategy, or a provider of one (what `retryStrategy()` returned, for instance). */
  setRetryStrategy(strategy: unknown): void;
}

/** A v3 runtime extension: `configure` runs once, at construction, after the config is resolved. */
export interface RuntimeExtension {
  configure(extensionConfiguration: ExtensionConfiguration): void;
}

export interface ExtensionsInputConfig {
  /** Runtime extensions, applied in order at construction, as in the AWS SDK v3. @default none */
  extensions?: readonly RuntimeExtension[];
}

interface Resolved {
  region: Provider<string | undefined>;
  credentials: AwsCredentialIdentityProvider;
  requestHandler: Handler;
  retryStrategy: Provider<unknown>;
}

/**
 * Resolves the config with `resolve`, then lets each extension read and change it as in the AWS SDK v3. A setting an
 * extension changes is resolved again from the input, with every check and default that implies, so what it sets
 * takes effect exactly as if it had been passed to the constructor.
 */
export function resolveRuntimeExtensions<I extends ExtensionsInputConfig, C extends Resolved>(input: I, resolve: (input: I) => C): C {
  let config: any = resolve(input);
  if (!input.extensions?.length) return config;
  const next: any = { ...input };
  const extension: any = {
    updateHttpClientConfig: (key: never, value: unknown) => config.requestHandler.updateHttpClientConfig?.(key, value),
    httpHandlerConfigs: () => config.requestHandler.httpHandlerConfigs?.() ?? {},
  };
  // Each getter reads the config as resolved now; each setter changes the input and resolves it again.
  for (const [getter, setter, key = getter] of [
    ["region", "setRegion"],
    ["credentials", "setCredentials"],
    ["httpHandler", "setHttpHandler", "requestHandler"],
    ["retryStrategy", "setRetryStrategy"],
  ]) {
    extension[getter] = () => config[key];
    extension[setter] = (value: unknown) => {
      next[key] = value;
      // The runtime chose how to abort an attempt for its own handler; another handler gets a standard AbortSignal.
      if (key === "requestHandler") next.attemptAbort = undefined;
      config = resolve(next);
    };
  }
  for (const e of input.extensions) e.configure(extension as ExtensionConfiguration);
  return config;
}
