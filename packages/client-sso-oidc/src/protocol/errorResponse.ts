import type { HttpResponse, ResponseMetadata } from "@smithy/types";
import { InvalidResponseError, scrubError, secretValues } from "@ssokit/core";
import { exceptionFor } from "../errors/errorTable";
import { SSOOIDCServiceException } from "../errors/SSOOIDCServiceException";
import { SENSITIVE_MEMBERS } from "../sensitiveMembers";
import { bodyExcerpt } from "./bodyExcerpt";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** An `InvalidResponseError` for a response this protocol cannot read, keeping the raw response non-enumerable. */
const invalidResponse = (response: HttpResponse, $metadata: ResponseMetadata, code: string, message: string, excerpt?: string) =>
  Object.defineProperty(new InvalidResponseError(code, `HTTP ${response.statusCode}: ${message}`, { $metadata, excerpt }), "$response", { value: response });

/**
 * The error a response that is not a usable success stands for: the modeled exception, a service exception of an
 * unmodeled name, or an `InvalidResponseError` for a body that is not JSON (or, on 2xx, not a JSON object, or
 * one with a member of the wrong type: `problem` says which).
 * The name comes from `x-amzn-ErrorType` (before `:`), else the body's `__type` (after `#`), else its `code`,
 * else its OAuth `error`; the message from `error_description` (or `message`). Every string field of the error is
 * scrubbed of the input's secrets, which a service (or a proxy) may echo back in any of them.
 */
export function errorResponse(response: HttpResponse, $metadata: ResponseMetadata, text: string, body: unknown, input: unknown, problem?: string): Error {
  const secrets = secretValues(input, SENSITIVE_MEMBERS);
  return scrubError(parseError(response, $metadata, text, body, secrets, problem), secrets);
}

function parseError(response: HttpResponse, $metadata: ResponseMetadata, text: string, body: unknown, secrets: string[], problem?: string): Error {
  const { statusCode: status, headers } = response;
  const object: Record<string, any> | undefined = body && typeof body === "object" && !Array.isArray(body) ? body : undefined;
  const type = str(object?.__type);
  const code = status < 300 ? undefined : str(headers["x-amzn-errortype"]?.split(":")[0]) ?? (type ? type.split("#").pop()!.split(":")[0] : str(object?.code) ?? str(object?.error));
  if (body === undefined && !code) {
    const excerpt = bodyExcerpt(text, secrets);
    return invalidResponse(response, $metadata, "UnparseableResponse", `the body is not JSON: ${excerpt}`, excerpt);
  }
  if (status < 300) return invalidResponse(response, $metadata, "UnexpectedResponse", problem ?? "the JSON body is not an object.");
  const name = code ?? "UnknownError";
  const description = str(object?.error_description);
  const fields = {
    $metadata,
    $response: response,
    message: description ?? str(object?.message) ?? str(object?.Message) ?? `${name}: the service answered HTTP ${status} without a description.`,
    error: str(object?.error),
    error_description: description,
    reason: str(object?.reason),
    endpoint: str(object?.endpoint),
    region: str(object?.region),
  };
  const Exception = exceptionFor(name);
  // An unmodeled error has the OAuth members the body brought, and no others (v3 copies the body's members onto it):
  // a refused signature's `{ "message" }` makes neither `error` nor `error_description` an own property.
  const present = (["error", "error_description"] as const).filter((f) => fields[f] !== undefined);
  return Exception ? new Exception(fields) : new SSOOIDCServiceException({ ...fields, name, $fault: status >= 500 ? "server" : "client" }, present);
}
