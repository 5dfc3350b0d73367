import type { HttpResponse } from "@smithy/types";
import type { DeserializeHandlerOptions, DeserializeMiddleware, Pluggable } from "@smithy/types";
import type { SsoContext } from "@ssokit/core";

/**
 * Turns an HTTP response into the command's output, or throws the typed error it stands for. `input` is the
 * command's input, so an error message can be scrubbed of any secret the service echoed back.
 */
export type Deserializer<O, C> = (response: HttpResponse, context: SsoContext, config: C, input: unknown) => O | Promise<O>;

/** Runs the command's deserializer on the response the transport returned (its body already read to bytes). */
export const deserializerMiddleware =
  <I extends object, O extends object, C>(config: C, deserializer: Deserializer<O, C>): DeserializeMiddleware<I, O> =>
  (next, context) =>
  (args) =>
    next(args).then(async ({ response }) => ({
      response,
      output: await deserializer(response as HttpResponse, context as SsoContext, config, args.input),
    }));

/**
 * The deserialize step is the innermost: it wraps the transport, so every attempt's response is parsed (and a
 * retryable error recognised) before the retry middleware, which sits outside it, decides what to do.
 */
export const deserializerMiddlewareOptions: DeserializeHandlerOptions = {
  name: "deserializerMiddleware",
  step: "deserialize",
  tags: ["DESERIALIZER"],
  override: true,
};

export const getDeserializerPlugin = <I extends object, O extends object, C>(
  config: C,
  deserializer: Deserializer<O, C>,
): Pluggable<I, O> => ({
  applyToStack: (stack) => stack.add(deserializerMiddleware<I, O, C>(config, deserializer), deserializerMiddlewareOptions),
});
