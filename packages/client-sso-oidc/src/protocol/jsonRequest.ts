import type { HttpRequest } from "@smithy/types";
import { ConfigurationError, type SsoContext } from "@ssokit/core";

/**
 * A restJson1 request for one of the SSO OIDC operations: `POST <endpoint path><operation path>` with the input's
 * modeled members as a JSON body. Members the model does not know are not sent, as in the AWS SDK. The request
 * is a plain object with the fields of `HttpRequest` (so `HttpRequest.isInstance` and `HttpRequest.clone` accept
 * it); the class itself would add its code to every bundle for no behaviour we use.
 */
export function jsonRequest(context: SsoContext, path: string, input: any, members: readonly string[]): HttpRequest {
  const url = context.endpointV2?.url;
  if (!url) throw new ConfigurationError("MissingEndpoint", "No endpoint resolved: keep endpointV2Middleware in the stack.");
  const body: Record<string, unknown> = {};
  for (const m of members) if (input[m] != null) body[m] = input[m];
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return {
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? +url.port : undefined,
    path: url.pathname.replace(/\/$/, "") + path,
    query: Object.fromEntries(url.searchParams),
    headers: { "content-type": "application/json", "content-length": `${bytes.length}` },
    body: bytes,
  };
}
