import { randomBytes } from "node:crypto";
import { open, readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { AbortError } from "@ssokit/core";
import { processRunning } from "./processRunning";

/** How old a refresh lock may get before another process takes it over, ms: a refresh and its retries fit in it. */
export const LOCK_STALE_AFTER = 60_000;
/** How often a process waiting for the lock looks again, ms (plus as much again at random, so waiters spread out). */
const POLL_INTERVAL = 25;

/** Whether a lock's holder, as its file names it, is known to be gone: a process of this machine that has ended. */
function holderGone(text: string): boolean {
  try {
    const { pid, host } = JSON.parse(text);
    return host === hostname() && !processRunning(pid);
  } catch {
    return false; // being written, or not ours to judge: only its age says it is stale
  }
}

/** The lock's text and age (ms), from one open of it, so both are of the same lock; undefined once it is gone. */
async function lockState(lock: string): Promise<{ text: string; age: number } | undefined> {
  const handle = await open(lock, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const [{ mtimeMs }, text] = await Promise.all([handle.stat(), handle.readFile("utf8")]);
    return { text, age: Date.now() - mtimeMs };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

export interface LockOptions {
  /** Take the lock over once it is this old, ms. @default 60000 */
  staleAfter?: number;
  /** Stops the wait. */
  signal?: AbortSignal;
}

/**
 * Takes the refresh lock of a cache file: `<file>.lock`, created with `wx` (so one process at a time holds it),
 * holding the holder's pid, host name and a random id. A process that finds it held waits until it is gone, then
 * takes it; a lock whose holder has ended (a process of this machine) or that is older than `staleAfter` is taken
 * over, so a crash never leaves the file locked for more than that. Waits in real time, whatever clock the caller
 * injects: the other processes do not share it.
 *
 * Resolves to the function that releases the lock (it removes the file only while it is still this process's), or
 * to undefined when no lock can be made there at all (a read-only directory): the refresh then goes on without one.
 */
export async function lockCacheFile(file: string, { staleAfter = LOCK_STALE_AFTER, signal }: LockOptions = {}): Promise<(() => Promise<void>) | undefined> {
  const lock = `${file}.lock`;
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), id: randomBytes(8).toString("hex") });
  const current = () => readFile(lock, "utf8").catch(() => undefined);
  for (;;) {
    if (signal?.aborted) throw new AbortError("The token refresh was aborted.");
    let created = false;
    try {
      const handle = await open(lock, "wx", 0o600);
      created = true;
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return async () => {
        if ((await current()) === mine) await unlink(lock).catch(() => {});
      };
    } catch (e) {
      if (created) {
        // Made but not written (a full disk): not a lock anyone can judge; remove it and go on without.
        await unlink(lock).catch(() => {});
        return undefined;
      }
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    }
    const held = await lockState(lock);
    if (!held) continue; // released meanwhile: try again at once
    const { text, age } = held;
    if (age > staleAfter || holderGone(text)) {
      // Stale: remove it, unless another process took it over since it was read.
      if ((await current()) === text) await unlink(lock).catch(() => {});
      continue;
    }
    await sleep(POLL_INTERVAL * (1 + Math.random()), undefined, { signal }).catch(() => {
      throw new AbortError("The token refresh was aborted.");
    });
  }
}
