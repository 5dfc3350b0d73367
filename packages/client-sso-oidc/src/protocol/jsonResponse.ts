import type { HttpResponse, ResponseMetadata } from "@smithy/types";
import { loadModule } from "@ssokit/core";

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
 * Reads a restJson1 response: on 2xx with a JSON object, the output (with `$metadata`). Anything else is an error,
 * made by `errorResponse` (the modeled exception, or an `InvalidResponseError` for a body that is not JSON, never
 * a bare `SyntaxError`). That code is a chunk of its own, loaded on the first error: a bundle that only ever sees
 * successes never downloads the exception classes and the error parsing.
 */
export function jsonResponse<O>(response: HttpResponse, shape: OutputShape, options: ResponseOptions, input: unknown): O | Promise<never> {
  const { statusCode: status, headers } = response;
  // Every member v3 has, undefined where the response has no such header, so keys and snapshots match.
  const $metadata: ResponseMetadata = {
    httpStatusCode: status,
    requestId: headers["x-amzn-requestid"] ?? headers["x-amz-request-id"],
    extendedRequestId: headers["x-amz-id-2"],
    cfId: headers["x-amz-cf-id"],
  };
  const text = (decoder ??= new TextDecoder()).decode(response.body);
  let body: any;
  try {
    body = JSON.parse(text || "{}");
  } catch {
    // Not JSON: an error (a named one, from x-amzn-ErrorType, is still recognised).
  }
  let problem: string | undefined;
  if (status >= 200 && status < 300 && body && typeof body === "object" && !Array.isArray(body)) {
    if (options.convertResponseTypes === false) return { ...body, $metadata };
    const output: Record<string, unknown> = {};
    for (const member in shape) {
      if (body[member] == null) continue;
      // Name the member, never print its value: it may be a token.
      if ((output[member] = convert(body[member], shape[member])) === undefined) problem ??= `member "${member}" is not of type ${shape[member]}.`;
    }
    // Last, as in v3's outputs.
    output.$metadata = $metadata;
    if (!problem) return output as O;
  }
  return loadModule(() => import("./errorResponse"), "the error parser").then(({ errorResponse }) => {
    throw errorResponse(response, $metadata, text, body, input, problem);
  });
}
