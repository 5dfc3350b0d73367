import type { HttpRequest } from "@smithy/types";
import { ConfigurationError, loadModule, type SsoContext } from "@ssokit/core";

/** The UTF-8 size of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 beyond; a surrogate pair (two UTF-16 units) is 4.
    if (c > 0x7f) bytes += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * A restJson1 request for one of the SSO OIDC operations: `POST <endpoint path><operation path>` with the input's
 * modeled members as a JSON body. Members the model does not know are not sent, as in the AWS SDK. The request
 * is a plain object with the fields of `HttpRequest` (so `HttpRequest.isInstance` and `HttpRequest.clone` accept
 * it); the class itself would add its code to every bundle for no behaviour we use.
 */
export function jsonRequest(context: SsoContext, path: string, input: any, members: readonly string[]): HttpRequest | Promise<never> {
  const url = context.endpointV2?.url;
  if (!url) throw new ConfigurationError("MissingEndpoint", "No endpoint resolved: keep endpointV2Middleware in the stack.");
  const target = targetOf(url);
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
  return {
    method: "POST",
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    path: target.path + path,
    query: { ...target.query },
    headers: { "content-type": "application/json", "content-length": `${utf8Length(json)}` },
    // A string body goes out in one write with the headers; bytes would take a second one.
    body: json,
  };
}

const targets = new WeakMap<URL, { protocol: string; hostname: string; port?: number; path: string; query: Record<string, string> }>();

/** Where requests to an endpoint go, read from its URL once: the endpoint is resolved once per client. */
function targetOf(url: URL) {
  let target = targets.get(url);
  if (!target) {
    target = {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? +url.port : undefined,
      path: url.pathname.replace(/\/$/, ""),
      query: Object.fromEntries(url.searchParams),
    };
    targets.set(url, target);
  }
  return target;
}
