import type { Pluggable, RelativeMiddlewareOptions, SerializeHandlerOptions, SerializeMiddleware } from "@smithy/types";

/**
 * Sends one call to `url` instead of the endpoint the client's config resolves: the endpoint v2 code assigned to
 * `ssooidc.endpoint` before it made the request (v2 requests keep the endpoint of the moment they were made).
 */
export const endpointOverrideMiddleware =
  (url: string): SerializeMiddleware<any, any> =>
  (next, context) =>
  (args) => {
    context.endpointV2 = { url: new URL(url) };
    return next(args);
  };

/** Serialize step, right after `endpointV2Middleware` has resolved the config's endpoint and before the serializer reads it. */
export const endpointOverrideMiddlewareOptions: SerializeHandlerOptions & RelativeMiddlewareOptions = {
  name: "endpointOverrideMiddleware",
  step: "serialize",
  tags: ["ENDPOINT", "V2_ENDPOINT"],
  override: true,
  relation: "after",
  toMiddleware: "endpointV2Middleware",
};

export const getEndpointOverridePlugin = (url: string): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.addRelativeTo(endpointOverrideMiddleware(url), endpointOverrideMiddlewareOptions),
});
