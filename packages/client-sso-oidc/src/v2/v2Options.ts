import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { ConfigurationError, systemClock, type LineLogger } from "@ssokit/core";
import type { EndpointResolver } from "@ssokit/middleware-endpoint";
import { StandardRetryStrategy } from "@ssokit/middleware-retry";
import { defaultEndpointResolver } from "../endpoint/defaultEndpointResolver";
import type { SSOOIDCClientConfig } from "../SSOOIDCClient";
import type { ConstraintChecks } from "../validation/validateInput";
import { paramValidation } from "../validation/validationMiddleware";
import { Config, type CredentialProviderLike, type CredentialsLike } from "./Config";
import { Endpoint, endpointTarget } from "./Endpoint";

/** v2's retries after the first attempt, for every service but DynamoDB (`AWS.Service.defaultRetryCount`). */
const V2_MAX_RETRIES = 3;

/** The options only v2 has, which the class and `Config` apply; the rest are the client's own. */
const V2_ONLY: ReadonlySet<string> = new Set([
  "params",
  "endpoint",
  "sslEnabled",
  "maxRetries",
  "retryDelayOptions",
  "httpOptions",
  "maxRedirects",
  "paramValidation",
  "correctClockSkew",
  "systemClockOffset",
  "apiVersion",
  "apiVersions",
  "credentials",
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "credentialProvider",
]);

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
  /**
   * The AWS credentials signed calls (`createTokenWithIAM`, and any call made with `makeRequest`) are signed with,
   * read on every such call: an `AWS.Credentials` (this package's `Credentials`, the `aws-sdk`'s, anything with
   * `get(callback)`), the keys themselves (`{ accessKeyId, secretAccessKey, sessionToken }`), or a v3 credentials
   * provider. @default none: `credentialProvider`, else the default chain of `@aws-sdk/credential-provider-node`
   */
  credentials?: CredentialsLike | AwsCredentialIdentityProvider | null;
  /** Static keys, as v2 takes them: with `secretAccessKey`, they become `credentials`. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Where keys come from while `credentials` is not set: an `AWS.CredentialProviderChain` (anything with `resolve(callback)`). */
  credentialProvider?: CredentialProviderLike | null;
  /** v2's signer choice; SSO OIDC's signed operation takes SigV4 only. Accepted, no effect. */
  signatureVersion?: string;
  signatureCache?: boolean;
  /** Bearer-token settings of v2's token-signed services; SSO OIDC is not one. Accepted, no effect. */
  token?: unknown;
  tokenProvider?: unknown;
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
  /** The options as v2's `AWS.Config` holds them: `ssooidc.config`. */
  v2: Config;
  /** Where requests go, as v2's `ssooidc.endpoint` says it; undefined where the region is not known yet. */
  endpoint: Endpoint | undefined;
  /** That endpoint as the client's config takes it (`endpointTarget`), or undefined with it. */
  target: string | undefined;
}

/** Translates `AWS.SSOOIDC` options into this client's config; the one place the v2 defaults are decided (in `Config`). */
export function fromV2Options(options: SSOOIDCOptions): FromV2 {
  const v2 = new Config(options);
  for (const version of [options.apiVersion, options.apiVersions?.ssooidc]) {
    if (version !== undefined && !(API_VERSIONS as readonly string[]).includes(version)) {
      throw new ConfigurationError("InvalidApiVersion", `apiVersion ${JSON.stringify(version)} is not one this client speaks; use "2019-06-10" or "latest".`);
    }
  }
  const { maxRetries, httpOptions } = v2;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigurationError("InvalidMaxRetries", `maxRetries must be a whole number >= 0, not ${JSON.stringify(maxRetries)}.`);
  }
  // v2's own options, and its credential options, which are not v3's `credentials`: none goes to the client as is.
  const rest = Object.fromEntries(Object.entries(options).filter(([key]) => !V2_ONLY.has(key)));
  const maxAttempts = options.maxAttempts ?? (maxRetries ?? V2_MAX_RETRIES) + 1;
  const clock = options.clock ?? { now: () => Date.now() + v2.systemClockOffset, sleep: systemClock.sleep };
  const agent = httpOptions.agent as { defaultPort?: number } | undefined;
  const endpoint = serviceEndpoint(v2, options.endpointProvider ?? defaultEndpointResolver);
  const target = endpoint && endpointTarget(endpoint);
  const config: SSOOIDCClientConfig = {
    ...rest,
    clock,
    region: v2.region,
    // Requests go where `ssooidc.endpoint` says, as in v2, FIPS and dual-stack included; where it cannot be known
    // yet (a region provider, no region), the client's own endpoint rules decide, and say what is missing.
    ...(endpoint
      ? { endpoint: target, useFipsEndpoint: false, useDualstackEndpoint: false }
      : { endpoint: options.endpoint as SSOOIDCClientConfig["endpoint"], useFipsEndpoint: v2.useFipsEndpoint, useDualstackEndpoint: v2.useDualstackEndpoint }),
    maxAttempts,
    requestTimeout: options.requestTimeout ?? httpOptions.timeout,
    inputValidation: options.inputValidation ?? paramValidation(v2.paramValidation),
    // v2 corrects the clock of signed calls only when asked to (`correctClockSkew`, off by default).
    disableClockSkewCorrection: !v2.correctClockSkew,
  };
  if (options.httpOptions && !options.requestHandler) {
    config.requestHandler = {
      connectionTimeout: httpOptions.connectTimeout,
      proxy: httpOptions.proxy,
      ...(agent ? (agent.defaultPort === 443 ? { httpsAgent: agent } : { httpAgent: agent }) : {}),
    };
  }
  if (options.retryDelayOptions && !options.retryStrategy) {
    config.retryStrategy = new StandardRetryStrategy(maxAttempts, { ...options.retryDelayOptions, now: clock.now });
  }
  return { config, v2, endpoint, target };
}

/**
 * The endpoint as v2 sets `ssooidc.endpoint` at construction: the one given (a bare `host[:port]` takes its scheme
 * from `sslEnabled`), else the region's, over http where `sslEnabled` is false. Undefined where the rules cannot
 * name one now: no region, or a region given as a provider.
 */
function serviceEndpoint(v2: Config, rules: EndpointResolver): Endpoint | undefined {
  const given = v2.endpoint as any;
  if (typeof given === "string") return new Endpoint(given, v2);
  if (given instanceof URL || given?.url instanceof URL) return new Endpoint((given.url ?? given).href);
  if (typeof given?.hostname === "string") return new Endpoint(given);
  if (typeof given?.href === "string") return new Endpoint(given.href);
  if (given !== undefined || typeof v2.region !== "string") return undefined;
  let url: URL;
  try {
    url = rules({ Region: v2.region, UseFIPS: v2.useFipsEndpoint === true, UseDualStack: v2.useDualstackEndpoint === true }).url;
  } catch {
    return undefined;
  }
  // v2's config names the host it derived, without a scheme, and the signature its region table gives: SigV4.
  v2.endpoint = url.host;
  v2.signatureVersion ??= "v4";
  return new Endpoint(url.host, v2);
}
