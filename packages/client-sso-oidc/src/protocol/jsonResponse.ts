import type { HttpResponse } from "@smithy/types";
import type { ResponseMetadata } from "@smithy/types";
import { InvalidResponseError, scrub, secretValues } from "@ssokit/core";
import { exceptionFor } from "../errors/errorTable";
import { SSOOIDCServiceException } from "../errors/SSOOIDCServiceException";
import { SENSITIVE_MEMBERS } from "../sensitiveMembers";
import { bodyExcerpt } from "./bodyExcerpt";

/** How a member of an output is read: string, number, list of strings, or a nested object kept as it is. */
export type MemberKind = "string" | "number" | "strings" | "object";
export type OutputShape = Readonly<Record<string, MemberKind>>;

export interface ResponseOptions {
  /** Coerce members to the model's types and drop unknown members (the default); false returns the JSON as is. */
  convertResponseTypes?: boolean;
}

let decoder: TextDecoder | undefined;

/** A member's value in the model's type, or undefined when it cannot be one. */
function convert(v: any, kind: MemberKind): unknown {
  const type = typeof v;
  if (kind === "number") {
    const n = type === "string" && v.trim() ? +v : v;
    return Number.isFinite(n) ? n : undefined;
  }
  if (kind === "string") return type === "string" || type === "number" || type === "boolean" ? `${v}` : undefined;
  if (kind === "strings") return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
  return type === "object" ? v : undefined;
}

/**
 * Reads a restJson1 response: on 2xx the output (with `$metadata`); otherwise throws the modeled exception.
 * The exception's name comes from `x-amzn-ErrorType` (before `:`), else the body's `__type` (after `#`), else its
 * `code`, else its OAuth `error`; its message from `error_description` (or `message`). A body that is not JSON
 * becomes an `InvalidResponseError` carrying the status and a masked excerpt, never a bare `SyntaxError`.
 */
export function jsonResponse<O>(response: HttpResponse, shape: OutputShape, options: ResponseOptions, input: unknown): O {
  const { statusCode: status, headers } = response;
  const $metadata: ResponseMetadata = { httpStatusCode: status };
  const requestId = headers["x-amzn-requestid"] ?? headers["x-amz-request-id"];
  if (requestId) $metadata.requestId = requestId;
  if (headers["x-amz-id-2"]) $metadata.extendedRequestId = headers["x-amz-id-2"];
  if (headers["x-amz-cf-id"]) $metadata.cfId = headers["x-amz-cf-id"];
  const text = (decoder ??= new TextDecoder()).decode(response.body);
  const fail = (code: string, message: string, excerpt?: string) =>
    Object.defineProperty(new InvalidResponseError(code, `HTTP ${status}: ${message}`, { $metadata, excerpt }), "$response", { value: response });
  let body: any;
  try {
    body = JSON.parse(text || "{}");
  } catch {
    // Not JSON: fall through with no body; a named error (x-amzn-ErrorType) is still recognised.
  }
  const object: Record<string, any> | undefined = body && typeof body === "object" && !Array.isArray(body) ? body : undefined;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const type = str(object?.__type);
  const code = status < 300 ? undefined : str(headers["x-amzn-errortype"]?.split(":")[0]) ?? (type ? type.split("#").pop()!.split(":")[0] : str(object?.code) ?? str(object?.error));
  // Only an error's text can carry an echo of the input's secrets; a success needs no scrubbing.
  const secrets = () => secretValues(input, SENSITIVE_MEMBERS);
  if (body === undefined && !code) {
    const excerpt = bodyExcerpt(text, secrets());
    throw fail("UnparseableResponse", `the body is not JSON: ${excerpt}`, excerpt);
  }
  if (status >= 200 && status < 300) {
    if (!object) throw fail("UnexpectedResponse", "the JSON body is not an object.");
    if (options.convertResponseTypes === false) return { ...object, $metadata } as O;
    const output: Record<string, unknown> = { $metadata };
    for (const member in shape) {
      if (object[member] == null) continue;
      // Name the member, never print its value: it may be a token.
      if ((output[member] = convert(object[member], shape[member])) === undefined) throw fail("UnexpectedResponse", `member "${member}" is not of type ${shape[member]}.`);
    }
    return output as O;
  }
  const name = code ?? "UnknownError";
  const description = str(object?.error_description);
  const fields = {
    $metadata,
    $response: response,
    message: scrub(description ?? str(object?.message) ?? str(object?.Message) ?? `${name}: the service answered HTTP ${status} without a description.`, secrets()),
    error: str(object?.error),
    error_description: description && scrub(description, secrets()),
    reason: str(object?.reason),
    endpoint: str(object?.endpoint),
    region: str(object?.region),
  };
  const Exception = exceptionFor(name);
  throw Exception ? new Exception(fields) : new SSOOIDCServiceException({ ...fields, name, $fault: status >= 500 ? "server" : "client" });
}
