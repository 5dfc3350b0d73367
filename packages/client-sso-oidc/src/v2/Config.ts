import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfigurationError, redact } from "@ssokit/core";
import { SENSITIVE_MEMBERS } from "../sensitiveMembers";
import { Credentials } from "./Credentials";
import type { SSOOIDCOptions } from "./v2Options";

/** Credentials as v2 takes them: an `AWS.Credentials` (anything with `get(callback)`), or the keys themselves. */
export interface CredentialsLike {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  expired?: boolean;
  get?(callback: (err?: any) => void): void;
}

/** A v2 `AWS.CredentialProviderChain`, or anything with its `resolve(callback)`. */
export interface CredentialProviderLike {
  resolve(callback: (err: any, credentials?: CredentialsLike | null) => void): unknown;
}

// What is never printed: the operations' secrets, which bound `params` may hold, and the AWS keys.
const SECRETS: ReadonlySet<string> = new Set([...SENSITIVE_MEMBERS, "secretAccessKey", "sessionToken"]);

// v2 reads its region and endpoint variants from the environment in Node when the options do not give them.
const env = (name: string): string | undefined => (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name]?.trim() || undefined;
const envFlag = (name: string): boolean | undefined => ({ true: true, false: false })[env(name)?.toLowerCase() as "true"];
// Not v2's, but this SDK's (and v3's) configured endpoint, which the v2 client has always honoured as well.
const configuredEndpoint = () => (envFlag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ? undefined : (env("AWS_ENDPOINT_URL_SSO_OIDC") ?? env("AWS_ENDPOINT_URL")));

/**
 * The client's `config` as the AWS SDK v2's `AWS.Config` holds it: every option with v2's defaults, in v2's order,
 * and any other option given, as v2 keeps unknown keys. The client reads these once, at construction, except
 * `credentials`, `credentialProvider` and `systemClockOffset`, which it reads on every signed call, as v2 does.
 * Printing it (`util.inspect`, `JSON.stringify`) masks secrets: the secret access key, the session token, and the
 * secrets of the operations in bound `params`.
 */
export class Config {
  /** The keys signed calls use; `accessKeyId` and `secretAccessKey` options become one. @default null */
  declare credentials: CredentialsLike | null;
  /** Where keys come from when `credentials` is null; the keys it resolves become `credentials`. @default null */
  declare credentialProvider: CredentialProviderLike | null;
  /** @default `AWS_REGION`, else `AMAZON_REGION` */
  declare region: SSOOIDCOptions["region"];
  declare logger: SSOOIDCOptions["logger"] | null;
  declare apiVersions: Record<string, string>;
  declare apiVersion: string | null;
  /** The endpoint as given (or `AWS_ENDPOINT_URL_SSO_OIDC`, then `AWS_ENDPOINT_URL`), or the host of the region's. */
  declare endpoint: SSOOIDCOptions["endpoint"];
  declare httpOptions: NonNullable<SSOOIDCOptions["httpOptions"]>;
  /** Retries after the first attempt; undefined means v2's default for the service, 3. */
  declare maxRetries: number | undefined;
  declare maxRedirects: number;
  declare paramValidation: NonNullable<SSOOIDCOptions["paramValidation"]>;
  declare sslEnabled: boolean;
  declare correctClockSkew: boolean;
  /** Milliseconds added to this machine's clock; corrected from the service's `Date` when `correctClockSkew`. */
  declare systemClockOffset: number;
  declare retryDelayOptions: NonNullable<SSOOIDCOptions["retryDelayOptions"]>;
  declare useFipsEndpoint: SSOOIDCOptions["useFipsEndpoint"];
  declare useDualstackEndpoint: SSOOIDCOptions["useDualstackEndpoint"];
  /** Bound parameters, where given. */
  declare params?: Record<string, unknown>;
  /** Every other option: kept as given, as v2 keeps them. */
  [option: string]: unknown;

  constructor(options: SSOOIDCOptions) {
    // AWS.Config's keys with their defaults, in its order; then whatever else was given.
    Object.assign(this, {
      credentials: null,
      credentialProvider: null,
      region: env("AWS_REGION") ?? env("AMAZON_REGION"),
      logger: null,
      apiVersions: {},
      apiVersion: null,
      endpoint: configuredEndpoint(),
      httpOptions: { timeout: 120_000 },
      maxRetries: undefined,
      maxRedirects: 10,
      paramValidation: true,
      sslEnabled: true,
      s3ForcePathStyle: false,
      s3BucketEndpoint: false,
      s3DisableBodySigning: true,
      s3UsEast1RegionalEndpoint: "legacy",
      s3UseArnRegion: undefined,
      computeChecksums: true,
      convertResponseTypes: true,
      correctClockSkew: false,
      customUserAgent: null,
      dynamoDbCrc32: true,
      systemClockOffset: 0,
      signatureVersion: null,
      signatureCache: true,
      retryDelayOptions: {},
      useAccelerateEndpoint: false,
      clientSideMonitoring: false,
      endpointDiscoveryEnabled: undefined,
      endpointCacheSize: 1000,
      hostPrefixEnabled: true,
      stsRegionalEndpoints: "legacy",
      useFipsEndpoint: envFlag("AWS_USE_FIPS_ENDPOINT") ?? false,
      useDualstackEndpoint: envFlag("AWS_USE_DUALSTACK_ENDPOINT") ?? false,
      token: null,
      tokenProvider: null,
    });
    for (const [key, value] of Object.entries(options)) {
      if (value === undefined) continue;
      // The AWS keys are readable, as in v2, but not enumerable: nothing that walks the config prints them.
      if (SECRETS.has(key)) Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: false });
      else this[key] = key === "httpOptions" ? { ...this.httpOptions, ...(value as object) } : value;
    }
    if (options.accessKeyId && options.secretAccessKey) this.credentials = new Credentials(options as ConstructorParameters<typeof Credentials>[0]);
    // A v3 credentials provider is taken too: as v2 credentials that fetch their keys from it.
    else if (typeof options.credentials === "function") this.credentials = fromProvider(options.credentials as AwsCredentialIdentityProvider);
  }

  /**
   * v2's `config.getCredentials(callback)`: makes `credentials` usable (`get` refreshes them where needed), or
   * resolves `credentialProvider` into them; `callback(err, credentials)`, with a `CredentialsError` saying why when
   * there are none.
   */
  getCredentials(callback: (err: ConfigurationError | null, credentials: CredentialsLike | null) => void): void {
    // On success v2 passes along what it got: null for static keys, `get`'s and the chain's own values otherwise.
    const finish = (why: string | undefined, err: unknown) =>
      why
        ? callback(new ConfigurationError("CredentialsError", `No AWS credentials to sign with: ${why}. Pass credentials, or accessKeyId and secretAccessKey, or a credentialProvider to new SSOOIDC(...).`, { cause: err }), null)
        : callback(err as null, this.credentials);
    const credentials = this.credentials;
    if (credentials && typeof credentials.get === "function") {
      credentials.get((err) => finish(err ? `${credentials.constructor.name}'s get() failed (${err?.message ?? err})` : undefined, err));
    } else if (credentials) {
      finish(credentials.accessKeyId && credentials.secretAccessKey ? undefined : "credentials has no accessKeyId or no secretAccessKey", null);
    } else if (this.credentialProvider) {
      this.credentialProvider.resolve((err, resolved) => {
        this.credentials = resolved ?? null;
        finish(err || !resolved ? `credentialProvider.resolve() failed (${err?.message ?? err})` : undefined, err);
      });
    } else finish("none were configured", undefined);
  }

  /** The keys to sign with, as `getCredentials` leaves them; from `fallback` where none were configured. */
  signingKeys(fallback: AwsCredentialIdentityProvider): Promise<AwsCredentialIdentity> {
    if (!this.credentials && !this.credentialProvider) {
      return fallback().catch((cause) => {
        throw new ConfigurationError("CredentialsError", `No AWS credentials to sign with: ${cause?.message ?? cause}`, { cause });
      });
    }
    return new Promise((resolve, reject) =>
      this.getCredentials((err, c) => (err ? reject(err) : resolve({ accessKeyId: c!.accessKeyId!, secretAccessKey: c!.secretAccessKey!, sessionToken: c!.sessionToken }))),
    );
  }

  /** The config with every secret masked, for `JSON.stringify`. */
  toJSON(): unknown {
    return redact({ ...this }, SECRETS);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): unknown {
    return this.toJSON();
  }
}

/** v2 credentials that take their keys from a v3 provider, refreshed as it says they expire. */
function fromProvider(provider: AwsCredentialIdentityProvider): Credentials {
  const credentials = new Credentials();
  credentials.refresh = (callback) =>
    provider().then((identity) => {
      Object.assign(credentials, { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey, sessionToken: identity.sessionToken });
      credentials.expireTime = identity.expiration ?? null;
      credentials.expired = false;
      callback();
    }, callback);
  return credentials;
}
