// Where the v2 client of @ssokit/client-sso-oidc/v2 differs from the AWS SDK v2's AWS.SSOOIDC on purpose: the one
// list, each entry with its reason and with how the side-by-side test maps both observations onto common ground.
// The client's README lists the same entries (a test checks that); anything not listed must be observed the same.

import { normalize as normalizeWith, type DifferenceMap } from "../support/intendedDifferences";

type Who = "ours" | "v2";

export interface IntendedDifference {
  /** A short name, as the README's table names it. */
  what: string;
  ours: string;
  v2: string;
  why: string;
  map: DifferenceMap<Who>;
}

/** The OAuth `error` of the local service's scripted failures, which carry no `x-amzn-ErrorType`. */
const OAUTH_ONLY_ERROR = "scripted_failure";
/** v2's codes for parameter validation errors. */
const VALIDATION_CODES = /^(MultipleValidationErrors|MissingRequiredParameter|InvalidParameterType|UnexpectedParameter)$/;
const SEND_RETURNED = "send() returned the response";

export const INTENDED_DIFFERENCES: IntendedDifference[] = [
  {
    what: "`message` of a service error",
    ours: "the service's `error_description`",
    v2: "`null`",
    why: "v2 reads `message` from the body, and SSO OIDC explains its errors in `error_description`: v2 logs and error screens say nothing",
    map: (key, value, who, parent) => {
      if (key === "description") return undefined;
      if (key !== "message" || !(parent?.statusCode >= 300)) return value;
      return (who === "v2" ? value === null : value === parent.description) ? "<the service error's message>" : value;
    },
  },
  {
    what: "`code` of an error answer without `x-amzn-ErrorType`",
    ours: "the body's `__type`, else `code`, else its OAuth `error` (`invalid_grant`...)",
    v2: "`UnknownError` where the body has no `__type` or `code`",
    why: "an OAuth error (RFC 6749 §5.2) names what went wrong; the same rule names the v3 client's exceptions",
    map: (_key, value, who) => (who === "ours" && typeof value === "string" ? value.replace(new RegExp(`\\b${OAUTH_ONLY_ERROR}\\b`, "g"), "UnknownError") : value),
  },
  {
    what: "`name` of an error that is not the service's",
    ours: "this SDK's class: `ValidationError`, `AbortError`, `NetworkError`, `ConfigurationError`",
    v2: "the same as `code`",
    why: "`instanceof` and the name-based guards (`isAbortError(e)`) keep working across the v2 and v3 clients; `code` is v2's, and v2 code branches on `code`",
    map: (key, value, who, parent) =>
      key === "name" && who === "ours" && ["ValidationError", "AbortError", "NetworkError", "ConfigurationError"].includes(value as string) ? parent.code : value,
  },
  {
    what: "`message` of a parameter validation error",
    ours: "one sentence naming every problem with its path: `2 problems with the input, nothing was sent: params.clientId must be a string, not number; ...`",
    v2: "`There were 2 validation errors:` and a line per problem, or the one problem's message",
    why: "it says that nothing was sent and where each problem is; `code` and each problem's `code` are v2's",
    map: (key, value, _who, parent) => (key === "message" && VALIDATION_CODES.test(parent?.code) ? "<the problems>" : value),
  },
  {
    what: "events before the request goes out",
    ours: "`validate` fires inside `send()`, `build` and `sign` just after it returns",
    v2: "all three inside `send()`",
    why: "the call runs through the client's middleware stack, whose steps are asynchronous; the events keep v2's order and still fire before anything is sent",
    map: (_key, value, who) => {
      if (who !== "ours" || !Array.isArray(value) || !value.includes(SEND_RETURNED)) return value;
      const events = value.filter((e) => e !== SEND_RETURNED);
      events.splice(events.findIndex((e) => String(e).startsWith("sign(")) + 1, 0, SEND_RETURNED);
      return events;
    },
  },
  {
    what: "`send()` or `promise()` more than once",
    ours: "one call; each callback and promise gets its outcome once",
    v2: "a call for each, started while the first runs; each callback is called once per answer",
    why: "a request is one call: code handed a request cannot tell whether someone already sent it, and a second call would spend a device code or a refresh token twice",
    map: (key, value: any, who) => {
      if (who !== "v2" || (key !== "promisedTwice" && key !== "sentTwice") || value.serviceCalls !== 2) return value;
      return { ...value, serviceCalls: 1, ...(value.callbacks ? { callbacks: [...new Set(value.callbacks)] } : {}) };
    },
  },
  {
    what: "`abort()` while the answer is awaited",
    ours: "the attempt fails with `RequestAbortedError`: `httpError`, `send`, `retry`, then `error` and `complete`",
    v2: "first a retryable `TimeoutError` (`httpError`, `send`, `retry`), a retry counted (`retryCount` 1) and `sign` again without sending, then `retry`, `error`, `complete` with `RequestAbortedError`",
    why: "nothing timed out and nothing was retried: listeners and `retryCount` say what happened",
    map: (key, value, who) => {
      if (who !== "v2" || key !== "abortEvents" || !Array.isArray(value)) return value;
      const second = value.findIndex((e, i) => i > 0 && String(e).startsWith("sign(") && String(e).includes("retryCount=1"));
      const events = second < 0 ? value : [...value.slice(0, second), ...value.slice(value.findIndex((e, i) => i > second && String(e).startsWith("retry(")) + 1)];
      return events.map((e) => String(e).replace(/TimeoutError/g, "RequestAbortedError").replace("retryCount=1", "retryCount=0"));
    },
  },
  {
    what: "`abort()` before `send()`",
    ours: "nothing is sent: the call fails with `RequestAbortedError` as it starts",
    v2: "the request is sent, and its answer replaced by `RequestAbortedError` (with the answer's `statusCode`)",
    why: "an aborted request must not reach the service: it could use up a device code or rotate a refresh token whose answer is thrown away",
    map: (key, value: any, who) =>
      who === "v2" && key === "abortedBeforeSend" && value.serviceCalls === 1 ? { ...value, serviceCalls: 0, err: { ...value.err, statusCode: undefined } } : value,
  },
  {
    what: "what a method returns when given a callback",
    ours: "the `AWS.Request`, as v2's documentation says",
    v2: "the `AWS.Response`: SSO OIDC's operations are unsigned, and v2's unsigned path returns what `send` returns",
    why: "code written from the documentation can add listeners to it or `abort()` it; the response is `request.response`",
    map: (key, value, who) => (who === "v2" && key === "returnedIs" && value === "the response" ? "the request" : value),
  },
  {
    what: "header names in `request.httpRequest.headers`",
    ours: "lower case, as sent: `content-type`",
    v2: "capitalized: `Content-Type`",
    why: "the request is the v3 `HttpRequest` the middleware and request handlers share, which use lower-case names; HTTP header names are case-insensitive",
    map: (key, value, who) => (who === "v2" && key === "contentType" && Array.isArray(value) ? value.map((h) => String(h).toLowerCase()) : value),
  },
  {
    what: "an `ExpiredTokenException` answer (an expired device code)",
    ours: "`code: \"ExpiredTokenException\"`, not retried",
    v2: "a `TypeError`, `Cannot set properties of null (setting 'expired')`: v2 takes the exception for expired AWS credentials and flags the client's, which an unsigned client does not have",
    why: "a device-flow poller stops on `ExpiredTokenException`, as RFC 8628 §3.5 says it must; with v2 it gets a TypeError it does not expect",
    map: (key, value: any, who) =>
      who === "v2" && key === "expired" && value.code === "TypeError" ? { code: "ExpiredTokenException", retryable: false, stopsPolling: true } : value,
  },
  {
    what: "`message` of a credentials error",
    ours: "what went wrong and what to pass: `No AWS credentials to sign with: credentialProvider.resolve() failed (...). Pass credentials, or accessKeyId and secretAccessKey, or a credentialProvider to new SSOOIDC(...).`",
    v2: "`Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1`, whatever the cause",
    why: "v2's text points at a shared-config setting whatever went wrong; this one says which source failed and why. `code` is v2's `CredentialsError` in both",
    map: (key, value, _who, parent) => (key === "message" && parent?.code === "CredentialsError" ? "<why there are no credentials>" : value),
  },
  {
    what: "`makeRequest` of an operation SSO OIDC does not have",
    ours: "`code: \"UnknownOperation\"`, with a message naming the four operations; `validate` listeners run, then `error` and `complete`",
    v2: "a `TypeError`, `Cannot read properties of undefined (reading 'input')`, after the same events",
    why: "a misspelt operation name should say so, not look like a bug inside the SDK",
    map: (key, value, who) => {
      if (key !== "unknownOperation") return value;
      const text = JSON.stringify(value).replace(/SSO OIDC has no operation [^"]*?(?:\\"[^"]*?)*"|Cannot read properties of undefined \(reading 'input'\)"/g, '<no such operation>"');
      return JSON.parse(who === "v2" ? text.replace(/TypeError/g, "UnknownOperation") : text);
    },
  },
  {
    what: "`config.credentialProvider` and `config.tokenProvider` when not given",
    ours: "`null`: a signed call without credentials takes them from the default chain of `@aws-sdk/credential-provider-node` (an optional peer dependency)",
    v2: "v2's own chains (`AWS.CredentialProviderChain`: environment, shared files, SSO, ECS, process, web identity, EC2; `AWS.TokenProviderChain`)",
    why: "the AWS SDK v3's default chain looks in the same places and is the one AWS maintains; SSO OIDC takes no bearer token",
    map: (key, value, who) => (who === "v2" && ((key === "credentialProvider" && value === "a CredentialProviderChain") || (key === "tokenProvider" && value === "a TokenProviderChain")) ? null : value),
  },
  {
    what: "printing `config` (`util.inspect`, `JSON.stringify`)",
    ours: "secrets masked: the secret access key, the session token, and the secret members of bound `params` (`clientSecret`...)",
    v2: "everything as it is, the secret access key and session token included",
    why: "a logged client or config must not leak AWS keys or a client secret; code still reads each value (`config.secretAccessKey`)",
    map: (key, value, who) => (who === "v2" && key === "printsSecrets" ? [] : value),
  },
  {
    what: "a class that extends `SSOOIDC` and overrides `setupRequestListeners`",
    ours: "the override runs for every request, as the reference says of the hook",
    v2: "the override never runs: v2's constructor returns an instance of its own class for the API version (and, before any client exists, throws a `TypeError`)",
    why: "the reference documents the method as the one to override; overriding it on an instance or on `SSOOIDC.prototype`, which v2 code also does, works the same in both",
    map: (key, value: any, who) =>
      who === "v2" && key === "subclass" && value.seen.length === 0 ? { ...value, seen: ["subclass(registerClient) this=client", "subclass saw complete ok"] } : value,
  },
  {
    what: "`createTokenWithIAM`'s output",
    ours: "every member of the model, `awsAdditionalDetails` (the `identityContext`) included",
    v2: "no `awsAdditionalDetails`: the `aws-sdk`'s last model predates it",
    why: "trusted identity propagation reads the identity context from it; the v3 client has it too",
    map: (key, value: any, who) => {
      if (who !== "ours") return value;
      if (key === "json" && Array.isArray(value)) return value.filter((k) => k !== "awsAdditionalDetails");
      if (key === "members" && value && "awsAdditionalDetails" in value) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "awsAdditionalDetails"));
      return value;
    },
  },
  {
    what: "a signed call refused for a skewed clock, without `correctClockSkew`",
    ours: "not retried: the `InvalidSignatureException` (`retryable: false`) comes at once",
    v2: "retried `maxRetries` times (`retryable: true`), each attempt signed with the same clock and refused the same way",
    why: "nothing changes between those attempts, so each retry is a round trip for nothing; `correctClockSkew: true` corrects the clock and retries, in both",
    map: (key, value: any, who) =>
      who === "v2" && key === "uncorrected" && value.serviceSaw.length > 1
        ? { observed: { ...value.observed, error: { ...value.observed.error, retryable: false } }, serviceSaw: value.serviceSaw.slice(0, 1) }
        : value,
  },
  {
    what: "`makeUnauthenticatedRequest(\"createTokenWithIAM\", ...)`",
    ours: "signed all the same",
    v2: "sent unsigned, and refused by the service (`MissingAuthenticationTokenException`)",
    why: "the service takes the operation only signed: unsigned, it can only fail",
    map: (key, value: any, who) =>
      who === "v2" && key === "unauthenticatedIam" && value.outcome === "MissingAuthenticationTokenException" ? { outcome: "tokens", signedWith: ["AKIDPRIMARY"] } : value,
  },
];

/** An observation with every intended difference mapped away; what remains must be equal. */
export const normalize = (observation: unknown, who: Who): unknown => normalizeWith(INTENDED_DIFFERENCES, observation, who);
