import type { AbsoluteLocation, DeserializeHandlerOptions, DeserializeMiddleware, HttpRequest, Pluggable } from "@smithy/types";
import { InvalidResponseError } from "./errors/InvalidResponseError";

export interface RedirectResolvedConfig {
  /** Redirects (301, 302, 307, 308 with a `Location`) followed per attempt; 0 follows none. */
  maxRedirects: number;
}

const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * Follows HTTP redirects, as the AWS SDK v2 did (v3 does not): the same request, method and body, to the
 * `Location`, up to `maxRedirects` times. It refuses to follow an https request to plain http, which would send
 * the request's secrets in the clear.
 */
export const redirectMiddleware =
  (config: RedirectResolvedConfig): DeserializeMiddleware<any, any> =>
  (next) =>
  async (args) => {
    let request = args.request as HttpRequest;
    for (let hops = 0; ; hops++) {
      const result = await next({ ...args, request });
      const response = result.response as { statusCode: number; headers: Record<string, string> };
      const location = response.headers.location;
      if (!REDIRECTS.includes(response.statusCode) || !location) return result;
      const $metadata = { httpStatusCode: response.statusCode };
      if (hops >= config.maxRedirects) {
        throw new InvalidResponseError("TooManyRedirects", `Redirected more than maxRedirects (${config.maxRedirects}) times; check the endpoint, or raise maxRedirects.`, { $metadata });
      }
      const from = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}`;
      const target = new URL(location, from);
      if (request.protocol === "https:" && target.protocol !== "https:") {
        throw new InvalidResponseError("InsecureRedirect", `Refused a redirect from https to ${target.protocol}: the request would travel unencrypted.`, { $metadata });
      }
      request = {
        ...request,
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port ? Number(target.port) : undefined,
        path: target.pathname,
        query: Object.fromEntries(target.searchParams),
        headers: { ...request.headers },
      };
    }
  };

/**
 * Deserialize step, low priority: the innermost layer, right on the transport, so it sees the raw 3xx before the
 * deserializer would read it as an error, and each retry attempt follows redirects afresh.
 */
export const redirectMiddlewareOptions: DeserializeHandlerOptions & AbsoluteLocation = {
  name: "redirectMiddleware",
  step: "deserialize",
  priority: "low",
  tags: ["REDIRECT"],
  override: true,
};

export const getRedirectPlugin = (config: RedirectResolvedConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(redirectMiddleware(config), redirectMiddlewareOptions),
});
