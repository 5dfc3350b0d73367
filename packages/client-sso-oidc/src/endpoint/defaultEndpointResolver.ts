import type { EndpointV2 } from "@smithy/types";
import { ConfigurationError } from "@ssokit/core";
import { partition, type EndpointParams } from "@ssokit/middleware-endpoint";

const invalid = (ruleError: string, advice: string, code = "InvalidEndpointConfiguration") =>
  new ConfigurationError(code, `${ruleError}. ${advice}`);

/**
 * The SSO OIDC endpoint rules (the model's `smithy.rules#endpointRuleSet`) as code: the rule tree is small and
 * fixed, and as code it costs a few hundred bytes instead of a rules engine. The branches of the tree collapse to:
 * a custom endpoint as given (neither FIPS nor dual-stack allowed with it); else, for the region's partition,
 * `oidc` + `-fips` when FIPS is on, then the dual-stack or the plain DNS suffix; GovCloud's plain endpoints are
 * already FIPS. Error texts are the rules' own, followed by what to change.
 */
export function defaultEndpointResolver({ Region, UseFIPS, UseDualStack, Endpoint }: EndpointParams): EndpointV2 {
  const feature = UseFIPS ? "FIPS" : "DualStack";
  const option = UseFIPS ? "useFipsEndpoint" : "useDualstackEndpoint";
  if (Endpoint !== undefined) {
    if (UseFIPS || UseDualStack) {
      throw invalid(`Invalid Configuration: ${UseFIPS ? "FIPS" : "Dualstack"} and custom endpoint are not supported`, `Turn off ${option} or drop endpoint.`);
    }
    return { url: new URL(Endpoint) };
  }
  if (Region === undefined) throw invalid("Invalid Configuration: Missing Region", "Set region (or AWS_REGION), or endpoint.", "MissingRegion");
  const p = partition(Region);
  if ((UseFIPS && !p.supportsFIPS) || (UseDualStack && !p.supportsDualStack)) {
    throw invalid(
      UseFIPS && UseDualStack
        ? "FIPS and DualStack are enabled, but this partition does not support one or both"
        : `${feature} is enabled but this partition does not support ${feature}`,
      `Turn off ${option}.`,
    );
  }
  const fips = UseFIPS && !(p.name === "aws-us-gov" && !UseDualStack);
  return { url: new URL(`https://oidc${fips ? "-fips" : ""}.${Region}.${UseDualStack ? p.dualStackDnsSuffix : p.dnsSuffix}`) };
}
