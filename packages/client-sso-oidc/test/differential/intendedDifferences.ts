// Where @ssokit/client-sso-oidc differs from @aws-sdk/client-sso-oidc on purpose: the one list, each entry with
// its reason and with how the differential test maps both SDKs' observations onto common ground. The client's
// README lists the same entries (a test checks that); anything not listed here must be observed identically.

import { normalize as normalizeWith, type DifferenceMap } from "../support/intendedDifferences";

type Who = "ours" | "official";

export interface IntendedDifference {
  /** A short name, as the README's table names it. */
  what: string;
  ours: string;
  v3: string;
  why: string;
  /** Maps one value of an observation (called for every value, depth first) onto what both SDKs have in common. */
  map: DifferenceMap<Who>;
}

/** Middleware of v3 that this SDK does not have, by name. */
const V3_ONLY_MIDDLEWARE = [
  "contentLengthMiddleware",
  "hostHeaderMiddleware",
  "recursionDetectionMiddleware",
  "httpAuthSchemeMiddleware",
  "httpSigningMiddleware",
];

/** The SDK's own part of a user agent: everything before the custom pairs. */
const SDK_AGENT = /^(?:(?:aws-sdk-js|ssokit|ua|os|lang|md|api|m)\/\S*(?: |$))+/;

export const INTENDED_DIFFERENCES: IntendedDifference[] = [
  {
    what: "`message` of a service exception",
    ours: "the service's `error_description`",
    v3: '`"UnknownError"`',
    why: "the service explains every error in `error_description`; v3 does not map it onto `message`, so logs and error screens say nothing",
    map: (key, value, who, parent) =>
      key === "message" && typeof parent?.error === "string" && value === (who === "ours" ? parent.error_description : "UnknownError") ? "<the exception's message>" : value,
  },
  {
    what: "the SDK's own user agent",
    ours: "`ssokit/<version> ua/2.1 os/... lang/js md/nodejs#... api/sso-oidc#<version>` in both headers",
    v3: "`aws-sdk-js/<version>` in `x-amz-user-agent`, the long form in `user-agent`",
    why: "it names the SDK that made the request; the custom pairs after it are the same",
    map: (key, value) => (/user-agent$/.test(key) && typeof value === "string" ? value.replace(SDK_AGENT, "<sdk> ") : value),
  },
  {
    what: "middleware v3 has and this SDK does not",
    ours: "no " + V3_ONLY_MIDDLEWARE.map((m) => `\`${m}\``).join(", ") + " (CreateTokenWithIAM: `httpSigningMiddleware`, and `queryLiteralMiddleware` of its own)",
    v3: "all of them in every chain",
    why:
      "the serializer sets `content-length` and the request handler sets `host`; the Lambda trace header of `recursionDetectionMiddleware` is not sent; " +
      "only CreateTokenWithIAM is signed, so only its chain has `httpSigningMiddleware` (and its query literal `aws_iam=t` is added by its own `queryLiteralMiddleware`), and there is no auth scheme to choose. " +
      "Middleware placed relative to a name a chain lacks fails with the stack's own \"is not found\" error",
    // Printed chains are compared without those names, and without the middleware only this SDK has.
    map: (_key, value) =>
      Array.isArray(value) && value.some((v) => typeof v === "string" && / - (initialize|serialize|build|finalizeRequest|deserialize)$/.test(v))
        ? value.filter((v) => ![...V3_ONLY_MIDDLEWARE, "queryLiteralMiddleware"].some((m) => String(v).startsWith(`${m} `)))
        : value,
  },
  {
    what: "which signed failures are retried for the clock",
    ours: "a failure whose request was signed with a date 4 minutes or more off the service's `Date`",
    v3: "any failure while this machine's clock is 4 minutes or more off the service's, even once the offset corrects for it; none caused by a wrong `systemClockOffset` setting",
    why: "a request signed with the corrected date did not fail for the clock, so retrying it wastes attempts (v3 retries an `InvalidGrantException` up to `maxAttempts` on such a machine), and a request signed with a wrong offset did, so it is worth one retry. Both learn the offset from every answer's `Date`",
    map: (_key, value) => value,
  },
];

/** An observation with every intended difference mapped away; what remains must be equal. */
export const normalize = (observation: unknown, who: Who): unknown => normalizeWith(INTENDED_DIFFERENCES, observation, who);
