import type { HttpRequest } from "@smithy/types";
import type { Pluggable, SerializeHandlerOptions, SerializeMiddleware } from "@smithy/types";
import type { SsoContext } from "@ssokit/core";

/** Turns a command's input into an HTTP request. `context.endpointV2` holds the resolved endpoint. */
export type Serializer<I, C> = (input: I, context: SsoContext, config: C) => HttpRequest | Promise<HttpRequest>;

/** Runs the command's serializer and hands the request on; everything after it sees `args.request`. */
export const serializerMiddleware =
  <I extends object, O extends object, C>(config: C, serializer: Serializer<I, C>): SerializeMiddleware<I, O> =>
  (next, context) =>
  (args) => {
    const request = serializer(args.input, context as SsoContext, config);
    // A synchronous serializer (as restJson1's is) costs no promise.
    return request instanceof Promise ? request.then((r) => next({ ...args, request: r })) : next({ ...args, request });
  };

/**
 * The serialize step belongs to it: it is where a typed input becomes bytes. Endpoint resolution sits just
 * before it (relative to this name), so user middleware in the same step can rely on both.
 */
export const serializerMiddlewareOptions: SerializeHandlerOptions = {
  name: "serializerMiddleware",
  step: "serialize",
  tags: ["SERIALIZER"],
  override: true,
};

export const getSerializerPlugin = <I extends object, O extends object, C>(
  config: C,
  serializer: Serializer<I, C>,
): Pluggable<I, O> => ({
  applyToStack: (stack) => stack.add(serializerMiddleware<I, O, C>(config, serializer), serializerMiddlewareOptions),
});
