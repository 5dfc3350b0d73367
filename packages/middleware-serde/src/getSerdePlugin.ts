import type { Pluggable } from "@smithy/types";
import { deserializerMiddleware, deserializerMiddlewareOptions, type Deserializer } from "./deserializerMiddleware";
import { serializerMiddleware, serializerMiddlewareOptions, type Serializer } from "./serializerMiddleware";

/** Both halves at once, as the AWS SDK's `getSerdePlugin(config, serialize, deserialize)` adds them. */
export const getSerdePlugin = <I extends object, O extends object, C>(
  config: C,
  serializer: Serializer<I, C>,
  deserializer: Deserializer<O, C>,
): Pluggable<I, O> => ({
  applyToStack: (stack) => {
    stack.add(deserializerMiddleware<I, O, C>(config, deserializer), deserializerMiddlewareOptions);
    stack.add(serializerMiddleware<I, O, C>(config, serializer), serializerMiddlewareOptions);
  },
});
