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

const keep = (response: HttpResponse) => (error: Error) =>
  Object.defineProperty(error, "$response", { value: response, enumerable: false, writable: true, configurable: true });

/** The response metadata every output and error carries (attempts and retry delay are added by retry). */
export function responseMetadata(response: HttpResponse): ResponseMetadata {
  const h = response.headers;
  const md: ResponseMetadata = { httpStatusCode: response.statusCode };
  const requestId = h["x-amzn-requestid"] ?? h["x-amzn-request-id"] ?? h["x-amz-request-id"];
  if (requestId !== undefined) md.requestId = requestId;
  if (h["x-amz-id-2"] !== undefined) md.extendedRequestId = h["x-amz-id-2"];
  if (h["x-amz-cf-id"] !== undefined) md.cfId = h["x-amz-cf-id"];
  return md;
}

function bodyText(response: HttpResponse): string {
  const body = response.body as Uint8Array | string | undefined;
  if (body === undefined || body === null) return "";
  return typeof body === "string" ? body : (decoder ??= new TextDecoder()).decode(body);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function coerce(body: Record<string, unknown>, shape: OutputShape, $metadata: ResponseMetadata, response: HttpResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member in shape) {
    const v = body[member];
    if (v === undefined || v === null) continue;
    const kind = shape[member];
    const wrong = () =>
      keep(response)(
        new InvalidResponseError("UnexpectedResponse", `The response member "${member}" should be ${kind === "strings" ? "a list of strings" : `a ${kind}`} but is ${Array.isArray(v) ? "an array" : `a ${typeof v}`}; the service or a proxy sent a malformed answer.`, { $metadata }),
      );
    if (kind === "number") {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw wrong();
      out[member] = n;
    } else if (kind === "string") {
      if (typeof v === "string") out[member] = v;
      else if (typeof v === "number" || typeof v === "boolean") out[member] = String(v);
      else throw wrong();
    } else if (kind === "strings") {
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw wrong();
      out[member] = v;
    } else {
      if (typeof v !== "object") throw wrong();
      out[member] = v;
    }
  }
  return out;
}

/**
 * Reads a restJson1 response: on 2xx the output (with `$metadata`); otherwise throws the modeled exception.
 * The exception's name comes from `x-amzn-ErrorType` (before `:`), else the body's `__type` (after `#`), else its
 * `code`, else its OAuth `error`; its message from `error_description` (or `message`). A body that is not JSON
 * becomes an `InvalidResponseError` carrying the status and a masked excerpt, never a bare `SyntaxError`.
 */
export function jsonResponse<O>(response: HttpResponse, shape: OutputShape, options: ResponseOptions, input: unknown): O {
  const $metadata = responseMetadata(response);
  const text = bodyText(response);
  const parsed = parseJson(text);
  const status = response.statusCode;
  if (status >= 200 && status < 300) {
    if (!parsed.ok) {
      throw keep(response)(
        new InvalidResponseError("UnparseableResponse", `HTTP ${status} with a body that is not JSON: ${bodyExcerpt(text, secretValues(input, SENSITIVE_MEMBERS))}`, {
          $metadata,
          excerpt: bodyExcerpt(text, secretValues(input, SENSITIVE_MEMBERS)),
        }),
      );
    }
    const body = parsed.value ?? {};
    if (typeof body !== "object" || Array.isArray(body)) {
      throw keep(response)(new InvalidResponseError("UnexpectedResponse", `HTTP ${status} with a JSON body that is not an object; the service or a proxy sent a malformed answer.`, { $metadata }));
    }
    const output = options.convertResponseTypes === false ? { ...(body as object) } : coerce(body as Record<string, unknown>, shape, $metadata, response);
    return Object.assign(output, { $metadata }) as O;
  }
  throw serviceError(response, text, parsed, $metadata, input);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function errorCode(headerType: string | undefined, body: Record<string, unknown> | undefined): string | undefined {
  const fromHeader = str(headerType?.split(":")[0]?.trim());
  if (fromHeader) return fromHeader;
  if (!body) return undefined;
  const type = str(body.__type);
  if (type) return str(type.split("#").pop()!.split(":")[0]);
  return str(body.code) ?? str(body.Code) ?? str(body.error);
}

function serviceError(response: HttpResponse, text: string, parsed: ReturnType<typeof parseJson>, $metadata: ResponseMetadata, input: unknown): Error {
  const status = response.statusCode;
  const secrets = secretValues(input, SENSITIVE_MEMBERS);
  const body = parsed.ok && parsed.value !== null && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
  const code = errorCode(response.headers["x-amzn-errortype"], body);
  if (!code && !parsed.ok) {
    const excerpt = bodyExcerpt(text, secrets);
    return keep(response)(new InvalidResponseError("UnparseableResponse", `HTTP ${status} with a body that is not JSON: ${excerpt}`, { $metadata, excerpt }));
  }
  const description = str(body?.error_description) ?? str(body?.message) ?? str(body?.Message);
  const Exception = code ? exceptionFor(code) : undefined;
  const name = code ?? "UnknownError";
  const options = {
    $metadata,
    $response: response,
    message: scrub(description ?? `${name}: the service answered HTTP ${status} without a description.`, secrets),
    ...(str(body?.error) ? { error: str(body!.error) } : {}),
    ...(description && str(body?.error_description) ? { error_description: scrub(description, secrets) } : {}),
    ...(str(body?.reason) ? { reason: str(body!.reason) } : {}),
    ...(str(body?.endpoint) ? { endpoint: str(body!.endpoint) } : {}),
    ...(str(body?.region) ? { region: str(body!.region) } : {}),
  };
  if (Exception) return new Exception(options);
  return new SSOOIDCServiceException({ ...options, name, $fault: status >= 500 ? "server" : "client" });
}
