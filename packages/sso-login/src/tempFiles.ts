import { createHash, randomBytes } from "node:crypto";
import { readdir, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { processRunning } from "./processRunning";

/** This machine, in temporary file names: a cache directory may be shared with others (a network home). */
const HOST = createHash("sha1").update(hostname()).digest("hex").slice(0, 8);
/** `.<cache file name>.<host>.<pid>.<random>.tmp`, and the `.<random>.tmp` of versions before it. */
const TEMP = /^\..+\.([0-9a-f]{8})\.(\d+)\.[0-9a-f]{12}\.tmp$/;
const OLD_TEMP = /^\.[0-9a-f]{12}\.tmp$/;
/** A temporary file this old is abandoned whoever wrote it, ms: a write takes milliseconds. */
export const TEMP_ABANDONED_AFTER = 60_000;

/** The temporary file a write of `file` goes through: next to it, named after it, this machine and this process. */
export const tempFileFor = (file: string): string =>
  join(dirname(file), `.${basename(file)}.${HOST}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);

/**
 * Removes the temporary files that writers killed mid-write (kill -9, a power cut) left in a cache directory: each
 * holds a whole token. One is removed when its writer, a process of this machine, has ended, or when it is older
 * than {@link TEMP_ABANDONED_AFTER}; a live writer's is left alone. Resolves to how many were removed; never fails.
 */
export async function sweepTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const ours = TEMP.exec(name);
    if (!ours && !OLD_TEMP.test(name)) continue;
    const path = join(dir, name);
    if (!(ours && ours[1] === HOST && !processRunning(Number(ours[2])))) {
      const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age < TEMP_ABANDONED_AFTER) continue;
    }
    if (await unlink(path).then(() => true, () => false)) removed++;
  }
  return removed;
}
