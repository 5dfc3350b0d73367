export {
  httpSigningMiddleware,
  httpSigningMiddlewareOptions,
  getHttpSigningPlugin,
  type SigningResolvedConfig,
  type SigningOptions,
} from "./httpSigningMiddleware";
export { WebCryptoSha256 } from "./WebCryptoSha256";
