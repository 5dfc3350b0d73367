import type { Logger } from "@smithy/types";
import { ConfigurationError, systemClock, type LineLogger } from "@ssokit/core";
import type { EndpointParams } from "@ssokit/middleware-endpoint";
import { StandardRetryStrategy } from "@ssokit/middleware-retry";
import { defaultEndpointResolver } from "../endpoint/defaultEndpointResolver";
import type { SSOOIDCClientConfig } from "../SSOOIDCClient";
import type { ConstraintChecks } from "../validation/validateInput";
import { paramValidation } from "../validation/validationMiddleware";

/** v2's retries after the first attempt, for every service but DynamoDB (`AWS.Service.defaultRetryCount`). */
const V2_MAX_RETRIES = 3;

/** The API versions this client speaks. */
export const API_VERSIONS = ["2019-06-10", "latest"] as const;

/** The options of the AWS SDK v2's `new AWS.SSOOIDC(options)`, as `new SSOOIDC(options)` takes them. */
export interface SSOOIDCOptions extends Omit<SSOOIDCClientConfig, "endpoint" | "logger" | "credentials"> {
  /** Parameters bound to every call, under the call's own. */
  params?: Record<string, unknown>;
  /** An endpoint URL; a bare `host[:port]` takes its scheme from `sslEnabled`. Also an `AWS.Endpoint`-like `{ href }`. */
  endpoint?: SSOOIDCClientConfig["endpoint"] | { href: string };
  /** `false` sends requests over plain http. @default true */
  sslEnabled?: boolean;
  /** Retries after the first attempt: 2 means at most 3 attempts. Ignored when `maxAttempts` is set. @default 3, as v2's */
  maxRetries?: number;
  retryDelayOptions?: {
    /** The back-off base, ms. @default 100 */
    base?: number;
    /** The delay before retry `retryCount` (0 first), ms; a negative value stops retrying. */
    customBackoff?: (retryCount: number, err?: Error) => number;
  };
  httpOptions?: {
    /** Milliseconds an attempt may take (this SDK times the whole exchange). @default 120000 */
    timeout?: number;
    /** Milliseconds to wait for a connection. @default none */
    connectTimeout?: number;
    /** An `http.Agent` or `https.Agent` for the requests. */
    agent?: object;
    /** An http:// proxy URL to send requests through. */
    proxy?: string;
    /** Browser XMLHttpRequest settings of v2; this SDK uses fetch in browsers. Accepted, no effect. */
    xhrAsync?: boolean;
    xhrWithCredentials?: boolean;
  };
  /** Redirects followed per attempt. @default 10 */
  maxRedirects?: number;
  /** Check inputs before sending: `true`, `false`, or `{ min, max, pattern, enum }`. @default true */
  paramValidation?: boolean | ConstraintChecks;
  /** Learn the service's time from its `Date` header when this clock is 5 minutes or more off. @default false */
  correctClockSkew?: boolean;
  /** Milliseconds to add to this machine's clock. @default 0 */
  systemClockOffset?: number;
  /** A v2 logger (`log` or `write`, one line per call) or a structured one (`info`, `error`). */
  logger?: Logger | LineLogger;
  /** `"2019-06-10"` or `"latest"`. */
  apiVersion?: string;
  /** `{ ssooidc: "2019-06-10" }`; other services' entries are ignored. */
  apiVersions?: Record<string, string>;
  /** Signing and credential options of v2. SSO OIDC's three operations are unsigned: accepted, no effect. */
  credentials?: unknown;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  credentialProvider?: unknown;
  signatureVersion?: string;
  signatureCache?: boolean;
  /** Checksums are for S3 and other payload-checked services. Accepted, no effect. */
  computeChecksums?: boolean;
  /** SSO OIDC has no host-prefixed operations. Accepted, no effect. */
  hostPrefixEnabled?: boolean;
  /** SSO OIDC has no endpoint discovery. Accepted, no effect. */
  endpointDiscoveryEnabled?: boolean;
  endpointCacheSize?: number;
  /** Client-side monitoring (CSM) was removed from the AWS SDKs. Accepted, no effect. */
  clientSideMonitoring?: boolean;
  /** S3, DynamoDB and STS settings. Not this service's. Accepted, no effect. */
  s3ForcePathStyle?: boolean;
  s3BucketEndpoint?: boolean;
  s3DisableBodySigning?: boolean;
  s3UsEast1RegionalEndpoint?: string;
  s3UseArnRegion?: boolean;
  useAccelerateEndpoint?: boolean;
  dynamoDbCrc32?: boolean;
  stsRegionalEndpoints?: string;
}

/** What the v2 options become: the client config, and what the SSOOIDC class applies itself. */
export interface FromV2 {
  config: SSOOIDCClientConfig;
  params: Record<string, unknown>;
  maxRedirects: number;
  correctClockSkew: boolean;
  /** The offset the clock adds; the class exposes it as `config.systemClockOffset`. */
  skew: { offset: number };
  /** Filled in by the class once the client config is resolved: the strategy reads maxAttempts from it. */
  attempts: { provider?: () => Promise<number> };
}

/** Translates `AWS.SSOOIDC` options into this client's config; the one place the v2 defaults are decided. */
export function fromV2Options(options: SSOOIDCOptions): FromV2 {
  // v2's credential options are not v3's `credentials`: they stay out of the client config.
  const { params, endpoint, sslEnabled, maxRetries, retryDelayOptions, httpOptions, maxRedirects, paramValidation: checks, correctClockSkew, systemClockOffset, apiVersion, apiVersions, credentials, ...rest } = options;
  for (const version of [apiVersion, apiVersions?.ssooidc]) {
    if (version !== undefined && !(API_VERSIONS as readonly string[]).includes(version)) {
      throw new ConfigurationError("InvalidApiVersion", `apiVersion ${JSON.stringify(version)} is not one this client speaks; use "2019-06-10" or "latest".`);
    }
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigurationError("InvalidMaxRetries", `maxRetries must be a whole number >= 0, not ${JSON.stringify(maxRetries)}.`);
  }
  const scheme = sslEnabled === false ? "http" : "https";
  const href = typeof endpoint === "object" && endpoint !== null && "href" in endpoint ? endpoint.href : endpoint;
  const skew = { offset: systemClockOffset ?? 0 };
  const clock = options.clock ?? { now: () => Date.now() + skew.offset, sleep: systemClock.sleep };
  const attempts: FromV2["attempts"] = {};
  const agent = httpOptions?.agent as { defaultPort?: number } | undefined;
  const config: SSOOIDCClientConfig = {
    ...rest,
    clock,
    // v2 took a bare host[:port] and added the scheme from sslEnabled.
    endpoint: typeof href === "string" && !/^[a-z][\w+.-]*:\/\//i.test(href) ? `${scheme}://${href}` : (href as SSOOIDCClientConfig["endpoint"]),
    maxAttempts: options.maxAttempts ?? (maxRetries ?? V2_MAX_RETRIES) + 1,
    requestTimeout: options.requestTimeout ?? httpOptions?.timeout ?? 120_000,
    inputValidation: options.inputValidation ?? paramValidation(checks ?? true),
  };
  if (sslEnabled === false && !options.endpointProvider) {
    config.endpointProvider = (p: EndpointParams) => {
      const resolved = defaultEndpointResolver(p);
      resolved.url.protocol = "http:";
      return resolved;
    };
  }
  if (httpOptions && !options.requestHandler) {
    config.requestHandler = {
      connectionTimeout: httpOptions.connectTimeout,
      proxy: httpOptions.proxy,
      ...(agent ? (agent.defaultPort === 443 ? { httpsAgent: agent } : { httpAgent: agent }) : {}),
    };
  }
  if (retryDelayOptions && !options.retryStrategy) {
    config.retryStrategy = new StandardRetryStrategy(() => attempts.provider!(), { ...retryDelayOptions, now: clock.now });
  }
  return { config, params: params ?? {}, maxRedirects: maxRedirects ?? 10, correctClockSkew: correctClockSkew ?? false, skew, attempts };
}
