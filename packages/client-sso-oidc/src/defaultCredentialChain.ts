import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfigurationError } from "@ssokit/core";

/**
 * Node: the AWS SDK's default credential chain (environment, shared files, SSO, web identity, container and
 * instance roles), from `@aws-sdk/credential-provider-node`. It is an optional peer dependency: only applications
 * that sign (CreateTokenWithIAM) without passing credentials need it, and this module loads on their first call.
 */
export async function defaultCredentialChain(init: object): Promise<AwsCredentialIdentityProvider> {
  let chain: { defaultProvider(init: object): AwsCredentialIdentityProvider };
  try {
    chain = await import("@aws-sdk/credential-provider-node");
  } catch (cause) {
    throw new ConfigurationError(
      "MissingCredentials",
      "This operation is signed with AWS credentials: pass credentials to the client, or install @aws-sdk/credential-provider-node for the default chain.",
      { cause },
    );
  }
  return chain.defaultProvider(init);
}
