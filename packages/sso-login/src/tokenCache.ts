import { createHash } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { DeviceLoginResult } from "./deviceLogin";
import { TokenCacheError } from "./errors/TokenCacheError";
import { sweepTempFiles, tempFileFor } from "./tempFiles";

/** A token as the AWS CLI keeps it in `~/.aws/sso/cache/<sha1>.json`. Times are UTC `YYYY-MM-DDTHH:MM:SSZ`. */
export interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** Where the AWS CLI keeps SSO tokens. */
export const defaultCacheDir = (): string => join(homedir(), ".aws", "sso", "cache");

/** Identifies a cached token: by SSO session name, as the AWS CLI does for `sso-session`s, else by start URL. */
export interface CacheKey {
  sessionName?: string;
  startUrl?: string;
  /** @default ~/.aws/sso/cache */
  cacheDir?: string;
}

/** The cache file for a session: `<cache dir>/<sha1 hex of the session name, or of the start URL>.json`. */
export function cacheFile({ sessionName, startUrl, cacheDir }: CacheKey): string {
  const id = sessionName ?? startUrl;
  if (!id) throw new TypeError("cacheFile needs a sessionName or a startUrl");
  return join(cacheDir ?? defaultCacheDir(), `${createHash("sha1").update(id, "utf8").digest("hex")}.json`);
}

/** A date as the AWS CLI writes it: UTC, to the second, with a `Z`. */
export const formatExpiry = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The cache entry for a sign-in (the result of `deviceLogin` or `authorizationCodeLogin`), as the AWS CLI writes one
 * after `aws sso login`: the token and its expiry, and the client registration that can refresh it.
 */
export function cachedTokenOf(
  signIn: Pick<DeviceLoginResult, "accessToken" | "expiresAt" | "refreshToken" | "registration">,
  { startUrl, region }: { startUrl: string; region: string },
): CachedToken {
  return {
    startUrl,
    region,
    accessToken: signIn.accessToken,
    expiresAt: formatExpiry(signIn.expiresAt),
    clientId: signIn.registration.clientId,
    clientSecret: signIn.registration.clientSecret,
    registrationExpiresAt: formatExpiry(signIn.registration.expiresAt),
    ...(signIn.refreshToken ? { refreshToken: signIn.refreshToken } : {}),
  };
}

/** Reads a cached token; undefined when there is none. A file that is not a cached token is an error, not a crash. */
export async function readCachedToken(file: string): Promise<CachedToken | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new TokenCacheError("CorruptCacheFile", file, `The token cache file ${file} cannot be read (${(e as NodeJS.ErrnoException).code}).`, { cause: e });
  }
  let token: Partial<CachedToken> | undefined;
  try {
    token = JSON.parse(text);
  } catch {
    token = undefined;
  }
  if (!token || typeof token !== "object" || typeof token.accessToken !== "string" || typeof token.expiresAt !== "string") {
    // Never echo the content: a damaged file may still hold a secret.
    throw new TokenCacheError("CorruptCacheFile", file, `The token cache file ${file} is not a cached token; delete it or log in again.`);
  }
  return token as CachedToken;
}

/**
 * Makes the cache directory: created with mode 0700, and an existing one that others may write into (0777, 0775)
 * narrowed to 0700, as long as it is this user's and not a shared one such as /tmp (sticky bit): anyone who can
 * write there can swap a token file for their own.
 */
async function cacheDirectory(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) return chmod(dir, 0o700);
  const { mode, uid } = await stat(dir);
  if (mode & 0o022 && !(mode & 0o1000) && uid === process.getuid?.()) await chmod(dir, 0o700);
}

/**
 * Writes a cached token atomically: a temporary file (mode 0600) in the same directory, flushed, then renamed over
 * the old one, so a crash or a second process never leaves half a file. The directory is created with mode 0700
 * (see cacheDirectory). Then the temporary files that writers killed mid-write left there are swept.
 */
export async function writeCachedToken(file: string, token: CachedToken): Promise<void> {
  const dir = dirname(file);
  const temp = tempFileFor(file);
  try {
    await cacheDirectory(dir);
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(JSON.stringify(token, null, 2) + "\n");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw new TokenCacheError("CacheWriteFailed", file, `The token could not be saved to ${file} (${(e as NodeJS.ErrnoException).code ?? "error"}).`, { cause: e });
  }
  await sweepTempFiles(dir);
}

/**
 * Checks, before a sign-in starts, that a token could be saved at `file`: creates and removes a temporary file in
 * its directory or, when that does not exist yet, in the nearest one above it that does (so a sign-in the user
 * then denies leaves no directory behind). Throws `TokenCacheError` (`CacheWriteFailed`, naming the directory)
 * when it cannot, so the user finds out before approving, not after.
 */
export async function checkCacheWritable(file: string): Promise<void> {
  let dir = dirname(file);
  let probe: string | undefined;
  try {
    for (;;) {
      const found = await stat(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e)));
      if (found) {
        if (!found.isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: "ENOTDIR" });
        break;
      }
      if (dirname(dir) === dir) break;
      dir = dirname(dir);
    }
    probe = tempFileFor(join(dir, basename(file)));
    await (await open(probe, "wx", 0o600)).close();
    await unlink(probe);
  } catch (e) {
    if (probe) await unlink(probe).catch(() => {});
    throw new TokenCacheError("CacheWriteFailed", file, `Tokens cannot be saved in ${dirname(file)} (${(e as NodeJS.ErrnoException).code ?? "error"}); use a directory you can write to.`, { cause: e });
  }
}

/** Removes a cached token; false when there was none. */
export async function removeCachedToken(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}
