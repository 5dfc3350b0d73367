import type { HttpRequest } from "@smithy/types";
import { ConfigurationError, loadModule, type SsoContext } from "@ssokit/core";

/**
 * A restJson1 request for one of the SSO OIDC operations: `POST <endpoint path><operation path>` with the input's
 * modeled members as a JSON body. Members the model does not know are not sent, as in the AWS SDK. The request
 * is a plain object with the fields of `HttpRequest` (so `HttpRequest.isInstance` and `HttpRequest.clone` accept
 * it); the class itself would add its code to every bundle for no behaviour we use.
 */
export function jsonRequest(
  context: SsoContext,
  path: string,
  input: any,
  members: readonly string[],
  bodyLength: (body: string) => number,
): HttpRequest | Promise<never> {
  const url = context.endpointV2?.url;
  if (!url) throw new ConfigurationError("MissingEndpoint", "No endpoint resolved: keep endpointV2Middleware in the stack.");
  const body: Record<string, unknown> = {};
  for (const m of members) if (input?.[m] != null) body[m] = input[m];
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch {
    // A BigInt or a cycle in a member: a rare mistake, explained by code loaded only when it happens.
    return loadModule(() => import("./unsendableInput"), "the input checks").then(({ unsendableInput }) => {
      throw unsendableInput(body, members);
    });
  }
  const { protocol, hostname, port, pathname } = url;
  return {
    method: "POST",
    protocol,
    hostname,
    port: port ? +port : undefined,
    path: pathname.replace(/\/$/, "") + path,
    query: Object.fromEntries(url.searchParams),
    headers: { "content-type": "application/json", "content-length": `${bodyLength(json)}` },
    // A string body goes out in one write with the headers; bytes would take a second one.
    body: json,
  };
}
