import type { LocalServer } from "@ssokit/sso-oidc-local";
import type { IamService } from "../support/iamService";

// What the v2 programs share: the module under test, the services they run against, and how they record what they
// observe (events with the kinds of their arguments, errors and data by the fields v2 code reads).

/** The module under test: `{ SSOOIDC }` of `aws-sdk` or of `@ssokit/client-sso-oidc/v2`, used untyped, as JS. */
export type Sdk = any;

export interface ProgramEnv {
  /** The local SSO OIDC service. */
  service: LocalServer;
  /** A stand-in for the signed CreateTokenWithIAM, which checks signatures (see support/iamService). */
  iam: IamService;
}

/** v2's request events that apply to SSO OIDC: the programs listen to all of them. */
export const EVENTS = ["validate", "build", "sign", "send", "retry", "httpHeaders", "httpData", "httpDone", "httpError", "extractError", "extractData", "success", "error", "complete"];
export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
export const START_URL = "https://d-1234567890.awsapps.com/start";

export const client = (sdk: Sdk, env: ProgramEnv, options: object = {}) => new sdk.SSOOIDC({ region: "us-east-1", endpoint: env.service.url, ...options });
export const done = (oidc: any) => oidc.destroy?.();
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const calls = (env: ProgramEnv) => env.service.calls();

/** What a listener's argument is: the request, its response, the body, an error (by code), or a value. */
export function kind(value: any, request: any): string {
  if (value === request) return "request";
  if (value === request.response) return "response";
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? "Buffer" : "Uint8Array";
  // Errors Node makes (v2 wraps them) come from another realm than the test's: recognised by their tag.
  if (Object.prototype.toString.call(value) === "[object Error]") return `error ${value.code}`;
  if (value && typeof value === "object") return "x-amzn-requestid" in value ? "headers" : "object";
  return JSON.stringify(value);
}

/** Listens to every event of `request`, each entry saying the event, its arguments, `this` and the response's state. */
export function recordEvents(request: any): string[] {
  const trail: string[] = [];
  for (const event of EVENTS) {
    request.on(event, function (this: unknown, ...args: unknown[]) {
      const { retryCount, error, data } = request.response;
      trail.push(`${event}(${args.map((a) => kind(a, request)).join(", ")}) this=${kind(this, request)} retryCount=${retryCount} error=${error?.code ?? "none"} data=${data ? "yes" : "none"}`);
    });
  }
  return trail;
}

/** What code learns from an error, by the fields v2 code reads. */
export const errorSeen = (e: any) => ({
  isError: e instanceof Error,
  code: e?.code,
  name: e?.name,
  message: e?.message,
  // Where the message came from the service's `error_description` (this SDK's errors keep it; v2's do not).
  description: e?.error_description,
  statusCode: e?.statusCode,
  retryable: e?.retryable,
  requestId: typeof e?.requestId,
  time: e?.time instanceof Date,
});

/** What code learns from data: its members (their types), and what `Object.keys` and `JSON.stringify` show. */
export const dataSeen = (data: any) =>
  data && {
    members: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v])),
    json: Object.keys(JSON.parse(JSON.stringify(data))),
    $response: Object.getOwnPropertyDescriptor(data, "$response") ? "not enumerable" : "none",
  };

/** Sends `request` with a callback and returns what the callback saw (`this` too) once it is called. */
export const sendWithCallback = (request: any) =>
  new Promise<object>((resolve) =>
    request.send(function (this: unknown, err: unknown, data: unknown) {
      resolve({ this: kind(this, request), err: err && errorSeen(err), data: dataSeen(data), dataIsNull: data === null });
    }),
  );

