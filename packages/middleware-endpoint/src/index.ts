export { endpointMiddleware, endpointMiddlewareOptions, getEndpointPlugin } from "./endpointMiddleware";
export {
  resolveEndpointConfig,
  endpointUrl,
  type EndpointInputConfig,
  type EndpointResolvedConfig,
  type EndpointParams,
  type EndpointResolver,
  type EndpointInput,
} from "./resolveEndpointConfig";
export { partition, type PartitionResult } from "./partition";
