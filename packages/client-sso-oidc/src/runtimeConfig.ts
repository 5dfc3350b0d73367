import type { NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import {
  abortController,
  ConfigurationError,
  noOpLogger,
  onabortSignal,
  readNodeBody,
  type CredentialDefaultProvider,
  type TransportInputConfig,
} from "@ssokit/core";
import { deferredNodeHttpHandler } from "./deferredNodeHttpHandler";
import { isRequestHandler } from "./requestHandlerOptions";
import type { SSOOIDCClientConfig } from "./SSOOIDCClient";
import { VERSION } from "./version";

const env = (name: string): string | undefined => {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
};

const envBoolean = (name: string): boolean | undefined => {
  const v = env(name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (v === "true" || v === "false") return v === "true";
  throw new ConfigurationError("InvalidEnvironment", `${name} must be "true" or "false"; got ${JSON.stringify(process.env[name])}.`);
};

const envInteger = (name: string): number | undefined => {
  const v = env(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new ConfigurationError("InvalidEnvironment", `${name} must be a whole number; got ${JSON.stringify(v)}.`);
  return Number(v);
};

/**
 * The client's config as a runtime completes it: a request handler that is one (not options for one), how to
 * read its bodies, and the user agent. Named, so that the declarations name the types of the packages they come
 * from instead of spelling them out.
 */
export interface RuntimeConfig extends Omit<SSOOIDCClientConfig, "requestHandler">, TransportInputConfig {
  defaultUserAgent: string;
  setUserAgentHeader: boolean;
  bodyLengthChecker: (body: string) => number;
  /** Credentials when none are given (Node: the default chain, loaded the first time a signed call needs it). */
  credentialDefaultProvider?: CredentialDefaultProvider;
}

// One string for the process: built per client, it would be a tree of a dozen string pieces in every client.
const DEFAULT_USER_AGENT = `ssokit/${VERSION} ua/2.1 os/${process.platform} lang/js md/nodejs#${process.versions.node} api/sso-oidc#${VERSION}`;

// The default credential chain, an optional peer dependency, loaded the first time a signed call needs it.
const credentialDefaultProvider = (init: object) => import("./defaultCredentialChain").then((m) => m.defaultCredentialChain(init));

/**
 * Node: fills what the caller left out from the environment (read once, here, at construction) and builds the
 * default request handler. Defaults proper are decided by each package's resolve function, not here.
 */
export function getRuntimeConfig(input: SSOOIDCClientConfig): RuntimeConfig {
  const handlerOptions = isRequestHandler(input.requestHandler) ? undefined : input.requestHandler;
  const proxy = handlerOptions?.proxy;
  if (proxy !== undefined && !/^http:\/\/[^/]/i.test(proxy)) {
    throw new ConfigurationError("InvalidProxy", `proxy must be an http:// URL such as http://proxy.example:3128; got ${JSON.stringify(proxy.replace(/\/\/[^@/]*@/, "//…@"))}.`);
  }
  const requestHandler = isRequestHandler(input.requestHandler)
    ? input.requestHandler
    : deferredNodeHttpHandler({
        connectionTimeout: handlerOptions?.connectionTimeout,
        socketAcquisitionWarningTimeout: handlerOptions?.socketAcquisitionWarningTimeout,
        httpAgent: handlerOptions?.httpAgent as never,
        httpsAgent: handlerOptions?.httpsAgent as never,
        // The handler would warn through console otherwise; diagnostics go through the client's logger only.
        logger: (input.logger ?? noOpLogger) as never,
        proxy,
      });
  return {
    ...input,
    region: input.region ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION"),
    endpoint:
      input.endpoint ??
      (envBoolean("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ? undefined : (env("AWS_ENDPOINT_URL_SSO_OIDC") ?? env("AWS_ENDPOINT_URL"))),
    useFipsEndpoint: input.useFipsEndpoint ?? envBoolean("AWS_USE_FIPS_ENDPOINT"),
    useDualstackEndpoint: input.useDualstackEndpoint ?? envBoolean("AWS_USE_DUALSTACK_ENDPOINT"),
    maxAttempts: input.maxAttempts ?? envInteger("AWS_MAX_ATTEMPTS"),
    retryMode: input.retryMode ?? env("AWS_RETRY_MODE"),
    requestTimeout: input.requestTimeout ?? handlerOptions?.requestTimeout,
    requestHandler,
    // Our own Node handler takes a plain { aborted, onabort } signal; a handler the caller gives (a NodeHttpHandler
    // too) gets a real AbortSignal, which every handler takes, and @smithy/node-http-handler is then never loaded.
    attemptAbort: isRequestHandler(input.requestHandler) ? abortController : onabortSignal,
    bodyReader: readNodeBody,
    bodyLengthChecker: Buffer.byteLength,
    defaultUserAgent: DEFAULT_USER_AGENT,
    setUserAgentHeader: true,
    credentialDefaultProvider,
  };
}
