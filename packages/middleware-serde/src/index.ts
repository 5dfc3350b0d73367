export {
  serializerMiddleware,
  serializerMiddlewareOptions,
  getSerializerPlugin,
  type Serializer,
} from "./serializerMiddleware";
export {
  deserializerMiddleware,
  deserializerMiddlewareOptions,
  getDeserializerPlugin,
  type Deserializer,
} from "./deserializerMiddleware";
export { getSerdePlugin } from "./getSerdePlugin";
