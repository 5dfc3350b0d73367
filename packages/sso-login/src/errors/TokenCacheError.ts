import { SdkError, type SdkErrorOptions } from "@ssokit/core";

/**
 * A token cache file that cannot be used: `CorruptCacheFile` (not the JSON of a cached token) or `CacheWriteFailed`.
 * The message names the file, never its content.
 */
export class TokenCacheError extends SdkError {
  override readonly name = "TokenCacheError";
  /** The cache file concerned. */
  readonly file: string;

  constructor(code: "CorruptCacheFile" | "CacheWriteFailed", file: string, message: string, options?: SdkErrorOptions) {
    super(code, message, options);
    this.file = file;
  }
}

export const isTokenCacheError = (e: unknown): e is TokenCacheError => (e as Error | undefined)?.name === "TokenCacheError";
