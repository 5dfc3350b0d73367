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
export { refreshObstacle, REFRESH_WINDOW } from "./refreshObstacle";
export { TokenCacheError, isTokenCacheError } from "./errors/TokenCacheError";
