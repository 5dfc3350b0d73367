import { HttpRequest } from "@smithy/protocol-http";
import { ConfigurationError, type SsoContext } from "@ssokit/core";

let encoder: TextEncoder | undefined;

/**
 * A restJson1 request for one of the SSO OIDC operations: `POST <endpoint path><operation path>` with the input's
 * modeled members as a JSON body. Members the model does not know are not sent, as in the AWS SDK.
 */
export function jsonRequest(context: SsoContext, path: string, input: object, members: readonly string[]): HttpRequest {
  const url = context.endpointV2?.url;
  if (!url) {
    throw new ConfigurationError("MissingEndpoint", "No endpoint resolved: keep endpointV2Middleware in the stack.");
  }
  const body: Record<string, unknown> = {};
  for (const m of members) {
    const v = (input as Record<string, unknown>)[m];
    if (v !== undefined && v !== null) body[m] = v;
  }
  const bytes = (encoder ??= new TextEncoder()).encode(JSON.stringify(body));
  const base = url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname;
  return new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    method: "POST",
    path: base + path,
    query: url.search ? Object.fromEntries(url.searchParams) : {},
    headers: { "content-type": "application/json", "content-length": String(bytes.length) },
    body: bytes,
  });
}
