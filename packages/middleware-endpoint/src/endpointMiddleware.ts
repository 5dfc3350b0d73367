import type { Pluggable, RelativeMiddlewareOptions, SerializeHandlerOptions, SerializeMiddleware } from "@smithy/types";
import type { EndpointResolvedConfig } from "./resolveEndpointConfig";

/**
 * Puts the resolved endpoint in `context.endpointV2`, where the serializer (and v3 middleware) look for it. Once a
 * client with plain settings has resolved its endpoint, this is a synchronous step: no promise per call.
 */
export const endpointMiddleware =
  (config: Pick<EndpointResolvedConfig, "resolveEndpoint" | "resolvedEndpoint">): SerializeMiddleware<any, any> =>
  (next, context) =>
  (args) => {
    const known = config.resolvedEndpoint?.();
    if (known) {
      context.endpointV2 = known;
      return next(args);
    }
    return config.resolveEndpoint().then((endpoint) => {
      context.endpointV2 = endpoint;
      return next(args);
    });
  };

/**
 * Serialize step, just before the serializer, as in the AWS SDK v3 (same name, `endpointV2Middleware`): the
 * serializer needs the endpoint to build the request URL, and nothing before serialize should depend on it.
 */
export const endpointMiddlewareOptions: SerializeHandlerOptions & RelativeMiddlewareOptions = {
  name: "endpointV2Middleware",
  step: "serialize",
  tags: ["ENDPOINT_PARAMETERS", "ENDPOINT_V2", "ENDPOINT"],
  override: true,
  relation: "before",
  toMiddleware: "serializerMiddleware",
};

export const getEndpointPlugin = (config: Pick<EndpointResolvedConfig, "resolveEndpoint" | "resolvedEndpoint">): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.addRelativeTo(endpointMiddleware(config), endpointMiddlewareOptions),
});
