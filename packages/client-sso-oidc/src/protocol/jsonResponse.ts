import type { HttpResponse } from "@smithy/protocol-http";
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

/** The response metadata every output and error carries (attempts and retry delay are added by retry). */
export function responseMetadata({ statusCode, headers: h }: HttpResponse): ResponseMetadata {
  const md: ResponseMetadata = { httpStatusCode: statusCode };
  const requestId = h["x-amzn-requestid"] ?? h["x-amz-request-id"];
  if (requestId) md.requestId = requestId;
  if (h["x-amz-id-2"]) md.extendedRequestId = h["x-amz-id-2"];
  if (h["x-amz-cf-id"]) md.cfId = h["x-amz-cf-id"];
  return md;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** A member's value in the model's type, or undefined when it cannot be one. */
function convert(v: unknown, kind: MemberKind): unknown {
  if (kind === "number") {
    const n = typeof v === "string" && v.trim() ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
  }
  if (kind === "string") return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
  if (kind === "strings") return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
  return typeof v === "object" ? v : undefined;
}

/**
 * Reads a restJson1 response: on 2xx the output (with `$metadata`); otherwise throws the modeled exception.
 * The exception's name comes from `x-amzn-ErrorType` (before `:`), else the body's `__type` (after `#`), else its
 * `code`, else its OAuth `error`; its message from `error_description` (or `message`). A body that is not JSON
 * becomes an `InvalidResponseError` carrying the status and a masked excerpt, never a bare `SyntaxError`.
 */
export function jsonResponse<O>(response: HttpResponse, shape: OutputShape, options: ResponseOptions, input: unknown): O {
  const $metadata = responseMetadata(response);
  const status = response.statusCode;
  const body = response.body as Uint8Array | string | undefined;
  const text = typeof body === "string" ? body : body ? (decoder ??= new TextDecoder()).decode(body) : "";
  const secrets = secretValues(input, SENSITIVE_MEMBERS);
  const fail = (code: string, message: string, excerpt?: string) =>
    Object.defineProperty(new InvalidResponseError(code, `HTTP ${status}: ${message}`, { $metadata, excerpt }), "$response", { value: response });
  let parsed: any;
  let isJson = true;
  try {
    parsed = text.trim() ? JSON.parse(text) : {};
  } catch {
    isJson = false;
  }
  const object = isJson && parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, any>) : undefined;
  if (status >= 200 && status < 300) {
    if (!isJson) {
      const excerpt = bodyExcerpt(text, secrets);
      throw fail("UnparseableResponse", `the body is not JSON: ${excerpt}`, excerpt);
    }
    if (!object) throw fail("UnexpectedResponse", "the JSON body is not an object.");
    if (options.convertResponseTypes === false) return { ...object, $metadata } as O;
    const output: Record<string, unknown> = { $metadata };
    for (const member in shape) {
      const v = object[member];
      if (v == null) continue;
      const value = convert(v, shape[member]);
      // Name the member, never print its value: it may be a token.
      if (value === undefined) throw fail("UnexpectedResponse", `member "${member}" is not of type ${shape[member]}.`);
      output[member] = value;
    }
    return output as O;
  }
  const headerType = str(response.headers["x-amzn-errortype"]?.split(":")[0].trim());
  const type = str(object?.__type);
  const code = headerType ?? (type ? type.split("#").pop()!.split(":")[0] : str(object?.code) ?? str(object?.error));
  if (!code && !isJson) {
    const excerpt = bodyExcerpt(text, secrets);
    throw fail("UnparseableResponse", `the body is not JSON: ${excerpt}`, excerpt);
  }
  const name = code || "UnknownError";
  const description = str(object?.error_description) ?? str(object?.message) ?? str(object?.Message);
  const errorDescription = str(object?.error_description);
  const fields = {
    $metadata,
    $response: response,
    message: scrub(description ?? `${name}: the service answered HTTP ${status} without a description.`, secrets),
    error: str(object?.error),
    error_description: errorDescription && scrub(errorDescription, secrets),
    reason: str(object?.reason),
    endpoint: str(object?.endpoint),
    region: str(object?.region),
  };
  const Exception = exceptionFor(name);
  throw Exception ? new Exception(fields) : new SSOOIDCServiceException({ ...fields, name, $fault: status >= 500 ? "server" : "client" });
}
