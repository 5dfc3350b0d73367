import type { Endpoint, EndpointV2, Provider } from "@smithy/types";
import { ConfigurationError, normalizeProvider } from "@ssokit/core";

/** The rule set's parameters, as the model's `smithy.rules#endpointRuleSet` names them. */
export interface EndpointParams {
  Region?: string;
  UseFIPS: boolean;
  UseDualStack: boolean;
  Endpoint?: string;
}

/** A service's endpoint rules as a function; throws a `ConfigurationError` where the rules end in an error. */
export type EndpointResolver = (params: EndpointParams) => EndpointV2;

/** Every form the AWS SDK v3 accepts for `endpoint`. */
export type EndpointInput = string | URL | Endpoint | EndpointV2;

export interface EndpointInputConfig {
  /** The AWS region, such as `"us-east-1"`. @default `AWS_REGION` in Node; none in browsers */
  region?: string | Provider<string | undefined>;
  /**
   * A fixed endpoint (`"https://host[:port][/base]"`, a `URL`, an `{ protocol, hostname, port, path }` object, or a
   * provider of one). Takes the place of the region's endpoint; works without a region.
   * @default `AWS_ENDPOINT_URL_SSO_OIDC`, then `AWS_ENDPOINT_URL` in Node; none otherwise
   */
  endpoint?: EndpointInput | Provider<EndpointInput>;
  /** Use the region's FIPS endpoint. Not allowed with a custom `endpoint`. @default false */
  useFipsEndpoint?: boolean | Provider<boolean>;
  /** Use the region's dual-stack (IPv4 and IPv6) endpoint. Not allowed with a custom `endpoint`. @default false */
  useDualstackEndpoint?: boolean | Provider<boolean>;
}

export interface EndpointResolvedConfig {
  region: Provider<string | undefined>;
  endpoint?: Provider<EndpointInput>;
  isCustomEndpoint: boolean;
  useFipsEndpoint: Provider<boolean>;
  useDualstackEndpoint: Provider<boolean>;
  endpointProvider: EndpointResolver;
  /** The endpoint for the next request. Computed once and reused when every input above is a plain value. */
  resolveEndpoint(): Promise<EndpointV2>;
  /** The endpoint already computed for a client with plain settings, or undefined (then call `resolveEndpoint`). */
  resolvedEndpoint?(): EndpointV2 | undefined;
}

/** A custom endpoint in any accepted form, as the URL string the rules take, checked to be http(s). */
export function endpointUrl(input: EndpointInput): string {
  const e = input as Endpoint & EndpointV2;
  const text =
    typeof input === "string" ? input : input instanceof URL ? input.href : e.url ? e.url.href : `${e.protocol.replace(/:?$/, ":")}//${e.hostname}${e.port ? `:${e.port}` : ""}${e.path ?? ""}`;
  try {
    if (/^https?:\/\/./i.test(text) && new URL(text)) return text;
  } catch {
    // not a URL: reported below
  }
  throw new ConfigurationError("InvalidEndpoint", `endpoint ${JSON.stringify(text)} is not an http(s) URL (such as "https://host:port").`);
}

/**
 * Resolves the endpoint settings into providers (the shape v3 code expects in `client.config`) and a memoised
 * `resolveEndpoint()`, so a client with plain settings runs its endpoint rules once, not once per request.
 */
export function resolveEndpointConfig<T extends object>(
  input: T & EndpointInputConfig & { endpointProvider: EndpointResolver },
): Omit<T, keyof EndpointInputConfig> & EndpointResolvedConfig {
  const { region, endpoint, useFipsEndpoint = false, useDualstackEndpoint = false, endpointProvider } = input;
  const raw = [region, endpoint, useFipsEndpoint, useDualstackEndpoint];
  const settings = raw.map(normalizeProvider);
  const compute = async () => {
    const [r, e, fips, dual] = (await Promise.all(settings.map((s) => s()))) as [string | undefined, EndpointInput | undefined, boolean, boolean];
    // A region becomes a DNS label in the endpoint's host name; anything else would send requests to another host.
    if (r !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(r)) {
      throw new ConfigurationError("InvalidRegion", `region ${JSON.stringify(r)} is not a region name (such as "us-east-1").`);
    }
    return endpointProvider({ Region: r, UseFIPS: fips === true, UseDualStack: dual === true, Endpoint: e === undefined ? undefined : endpointUrl(e) });
  };
  let cached: Promise<EndpointV2> | undefined;
  let resolved: EndpointV2 | undefined;
  const memo = () =>
    (cached ??= compute().then(
      (endpoint) => (resolved = endpoint),
      (e) => {
        // Keep successes only: a failure is computed again, so each call gets its own error (and stack).
        cached = undefined;
        throw e;
      },
    ));
  const dynamic = raw.some((v) => typeof v === "function");
  return {
    ...input,
    region: settings[0] as Provider<string | undefined>,
    endpoint: endpoint === undefined ? undefined : (settings[1] as Provider<EndpointInput>),
    isCustomEndpoint: endpoint !== undefined,
    useFipsEndpoint: settings[2] as Provider<boolean>,
    useDualstackEndpoint: settings[3] as Provider<boolean>,
    resolveEndpoint: dynamic ? compute : memo,
    resolvedEndpoint: () => resolved,
  };
}
