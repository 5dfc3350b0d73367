import type { EndpointV2 } from "@smithy/types";
import { ConfigurationError } from "@ssokit/core";
import { partition, type EndpointParams } from "@ssokit/middleware-endpoint";

const endpoint = (url: string): EndpointV2 => ({ url: new URL(url) });

const invalid = (ruleError: string, advice: string, code = "InvalidEndpointConfiguration") =>
  new ConfigurationError(code, `${ruleError}. ${advice}`);

/**
 * The SSO OIDC endpoint rules (the model's `smithy.rules#endpointRuleSet`), written out as code: the rule tree is
 * small and fixed, and as code it costs a few hundred bytes instead of a rules engine. Each branch follows one
 * rule in order; the error texts are the rules' own, followed by what to change.
 */
export function defaultEndpointResolver({ Region, UseFIPS, UseDualStack, Endpoint }: EndpointParams): EndpointV2 {
  if (Endpoint !== undefined) {
    if (UseFIPS) throw invalid("Invalid Configuration: FIPS and custom endpoint are not supported", "Turn off useFipsEndpoint or drop endpoint.");
    if (UseDualStack) throw invalid("Invalid Configuration: Dualstack and custom endpoint are not supported", "Turn off useDualstackEndpoint or drop endpoint.");
    return endpoint(Endpoint);
  }
  if (Region === undefined) {
    throw invalid("Invalid Configuration: Missing Region", "Set region (or AWS_REGION), or endpoint.", "MissingRegion");
  }
  const p = partition(Region);
  if (UseFIPS && UseDualStack) {
    if (p.supportsFIPS && p.supportsDualStack) return endpoint(`https://oidc-fips.${Region}.${p.dualStackDnsSuffix}`);
    throw invalid("FIPS and DualStack are enabled, but this partition does not support one or both", "Turn one off.");
  }
  if (UseFIPS) {
    if (!p.supportsFIPS) throw invalid("FIPS is enabled but this partition does not support FIPS", "Turn off useFipsEndpoint.");
    // GovCloud's regular endpoints are its FIPS endpoints.
    return endpoint(p.name === "aws-us-gov" ? `https://oidc.${Region}.amazonaws.com` : `https://oidc-fips.${Region}.${p.dnsSuffix}`);
  }
  if (UseDualStack) {
    if (!p.supportsDualStack) throw invalid("DualStack is enabled but this partition does not support DualStack", "Turn off useDualstackEndpoint.");
    return endpoint(`https://oidc.${Region}.${p.dualStackDnsSuffix}`);
  }
  return endpoint(`https://oidc.${Region}.${p.dnsSuffix}`);
}
