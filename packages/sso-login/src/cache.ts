export {
  cacheFile,
  cachedTokenOf,
  defaultCacheDir,
  formatExpiry,
  readCachedToken,
  writeCachedToken,
  checkCacheWritable,
  removeCachedToken,
  type CachedToken,
  type CacheKey,
} from "./tokenCache";
export { refreshObstacle } from "./refreshObstacle";
export { TokenCacheError, isTokenCacheError } from "./errors/TokenCacheError";
