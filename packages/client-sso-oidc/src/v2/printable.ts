import { redact, SENSITIVE_STRING } from "@ssokit/core";
import { SENSITIVE_MEMBERS } from "../sensitiveMembers";
import type { Request } from "./Request";
import type { Response } from "./Response";

// A request and its response hold the call's secrets: the params and the body they became, the signed request's
// session token, the tokens in the answer's body. Printed (`util.inspect`, `JSON.stringify`), they show these views.

const SECRET_HEADERS: ReadonlySet<string> = new Set(["authorization", "x-amz-security-token"]);

const bodyShown = (body: unknown) => (body === undefined || body === null || (body as { length?: number }).length === 0 ? body : SENSITIVE_STRING);

/** A request as printed: what it is and where it stands, with the params' secrets, the body and the signature masked. */
export function printableRequest(request: Request<unknown>) {
  const { method, protocol, hostname, port, path, query, headers, body } = request.httpRequest;
  return {
    operation: request.operation,
    params: redact(request.params, SENSITIVE_MEMBERS),
    httpRequest: { method, protocol, hostname, port, path, query, headers: redact(headers, SECRET_HEADERS), body: bodyShown(body) },
    startTime: request.startTime,
    response: printableResponse(request.response, false),
  };
}

/** A response as printed: the outcome with its secrets masked, the answer's body masked. */
export function printableResponse(response: Response<unknown>, withRequest = true) {
  const { data, error, retryCount, redirectCount, httpResponse, requestId, maxRetries, maxRedirects } = response;
  return {
    ...(withRequest ? { request: `${response.request.operation} request` } : {}),
    data: redact(data, SENSITIVE_MEMBERS),
    error,
    retryCount,
    redirectCount,
    httpResponse: { ...httpResponse, body: bodyShown(httpResponse.body) },
    requestId,
    maxRetries,
    maxRedirects,
  };
}
