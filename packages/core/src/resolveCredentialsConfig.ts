import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { loadModule } from "./loadModule";

export interface CredentialsInputConfig {
  /**
   * The AWS credentials signed operations (CreateTokenWithIAM) are signed with: an identity (`{ accessKeyId,
   * secretAccessKey, sessionToken?, expiration? }`) or a provider of one, as the AWS SDK v3 takes them. A provider's
   * identity is kept until 5 minutes before its `expiration`. The unsigned operations never ask for them.
   * @default Node: the default chain of `@aws-sdk/credential-provider-node` (an optional peer dependency), loaded
   * on first use; browsers: none
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface CredentialsResolvedConfig {
  /** The credentials, always as a provider, as code written for the AWS SDK v3 calls them. */
  credentials: AwsCredentialIdentityProvider;
}

/** Where the runtime has a default chain, the runtime config provides it. */
export type CredentialDefaultProvider = (init: object) => Promise<AwsCredentialIdentityProvider>;

/**
 * Resolves `credentials` to the provider function v3 code reads in `client.config.credentials`. Nothing runs until
 * the provider is first called: the code that checks and keeps identities (and the default chain) loads then.
 *
 * Unlike the other resolve functions it sets the member on the object it is given and returns that object: the
 * provider refers to the config (v3 hands it to providers as `callerClientConfig`), and a copy would keep a second
 * config alive for every client. So it comes last in the client's chain, on an object the chain made.
 */
export function resolveCredentialsConfig<T extends object>(
  input: T & CredentialsInputConfig & { credentialDefaultProvider?: CredentialDefaultProvider; clock?: { now(): number } },
): T & CredentialsResolvedConfig {
  const given = input.credentials;
  const credentials: AwsCredentialIdentityProvider = (options) =>
    loadModule(() => import("./credentialProvider"), "the credentials code").then((m) => m.credentialsOf(credentials, given, input)(options));
  return Object.assign(input, { credentials });
}
