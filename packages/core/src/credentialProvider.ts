import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfigurationError } from "./errors/ConfigurationError";
import type { CredentialDefaultProvider } from "./resolveCredentialsConfig";

/** An identity is used again until this close to its expiration, ms; the AWS SDK v3 uses the same window. */
export const CREDENTIAL_REFRESH_WINDOW = 300_000;

/** The identity, checked to hold keys; never prints a value. */
function checked(identity: AwsCredentialIdentity | undefined, where: string): AwsCredentialIdentity {
  if (typeof identity?.accessKeyId !== "string" || !identity.accessKeyId || typeof identity.secretAccessKey !== "string" || !identity.secretAccessKey) {
    throw new ConfigurationError("InvalidCredentials", `${where} must give an accessKeyId and a secretAccessKey (strings); check the credentials you pass.`);
  }
  return identity;
}

const providers = new WeakMap<object, Promise<AwsCredentialIdentityProvider>>();

/** The provider behind one client's `client.config.credentials` (`key`), made on first use and then kept. */
export function credentialsOf(
  key: object,
  given: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  config: Parameters<typeof credentialProvider>[1],
): AwsCredentialIdentityProvider {
  let provider = providers.get(key);
  if (!provider) {
    // A failure (no default chain, a bad identity) is not kept: the next call tries again.
    providers.set(key, (provider = credentialProvider(given, config)));
    provider.catch(() => providers.delete(key));
  }
  return async (options) => (await provider!)(options);
}

/**
 * The provider behind `client.config.credentials`: an identity as given (checked), or a provider's identity kept
 * until 5 minutes before it expires, one call at a time (callers meanwhile share it), a failure not kept. Without
 * credentials, the runtime's default chain, or a `ConfigurationError` saying what to pass.
 */
export async function credentialProvider(
  given: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  config: { credentialDefaultProvider?: CredentialDefaultProvider; clock?: { now(): number } },
): Promise<AwsCredentialIdentityProvider> {
  if (given !== undefined && typeof given !== "function") {
    const identity = checked(given, "credentials");
    return async () => identity;
  }
  let source = given;
  if (!source) {
    if (!config.credentialDefaultProvider) {
      throw new ConfigurationError("MissingCredentials", "This operation is signed with AWS credentials, and this runtime has no default chain: pass credentials to the client.");
    }
    source = await config.credentialDefaultProvider({ callerClientConfig: config });
  }
  const now = () => (config.clock ?? Date).now();
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expires = -Infinity;
  return (options) => {
    if (!current || now() > expires - CREDENTIAL_REFRESH_WINDOW) {
      current = Promise.resolve(options)
        .then((o) => source!({ ...o, callerClientConfig: config } as never))
        .then((identity) => {
          checked(identity, "The credentials provider");
          expires = identity.expiration ? identity.expiration.getTime() : Infinity;
          return identity;
        })
        .catch((e) => {
          current = undefined;
          throw e;
        });
      // While a refresh is under way, callers share it.
      expires = Infinity;
    }
    return current;
  };
}
