import type { EndpointV2 } from "@smithy/types";
import { ConfigurationError } from "@ssokit/core";
import { partition, type EndpointParams } from "@ssokit/middleware-endpoint";

const endpoint = (url: string): EndpointV2 => ({ url: new URL(url) });

function invalid(ruleError: string, advice: string, code = "InvalidEndpointConfiguration"): ConfigurationError {
  return new ConfigurationError(code, `${ruleError}. ${advice}`);
}

/**
 * The SSO OIDC endpoint rules (the model's `smithy.rules#endpointRuleSet`), written out as code: the rule tree is
 * small and fixed, and as code it costs a few hundred bytes instead of a rules engine. Each branch follows one
 * rule in order; the error texts are the rules' own, followed by what to change.
 */
export function defaultEndpointResolver({ Region, UseFIPS, UseDualStack, Endpoint }: EndpointParams): EndpointV2 {
  if (Endpoint !== undefined) {
    if (UseFIPS) throw invalid("Invalid Configuration: FIPS and custom endpoint are not supported", "Set useFipsEndpoint to false, or remove endpoint.");
    if (UseDualStack) throw invalid("Invalid Configuration: Dualstack and custom endpoint are not supported", "Set useDualstackEndpoint to false, or remove endpoint.");
    return endpoint(Endpoint);
  }
  if (Region !== undefined) {
    const p = partition(Region);
    if (UseFIPS && UseDualStack) {
      if (p.supportsFIPS && p.supportsDualStack) return endpoint(`https://oidc-fips.${Region}.${p.dualStackDnsSuffix}`);
      throw invalid("FIPS and DualStack are enabled, but this partition does not support one or both", "Turn one of them off.");
    }
    if (UseFIPS) {
      if (!p.supportsFIPS) throw invalid("FIPS is enabled but this partition does not support FIPS", "Set useFipsEndpoint to false.");
      // GovCloud's regular endpoints are already FIPS endpoints.
      if (p.name === "aws-us-gov") return endpoint(`https://oidc.${Region}.amazonaws.com`);
      return endpoint(`https://oidc-fips.${Region}.${p.dnsSuffix}`);
    }
    if (UseDualStack) {
      if (!p.supportsDualStack) throw invalid("DualStack is enabled but this partition does not support DualStack", "Set useDualstackEndpoint to false.");
      return endpoint(`https://oidc.${Region}.${p.dualStackDnsSuffix}`);
    }
    return endpoint(`https://oidc.${Region}.${p.dnsSuffix}`);
  }
  throw invalid("Invalid Configuration: Missing Region", "Set region in the client config (or AWS_REGION in the environment), or set endpoint.", "MissingRegion");
}
