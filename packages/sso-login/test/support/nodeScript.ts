import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** The built package, as another process loads it. */
export const BUILT = JSON.stringify(join(__dirname, "../../dist/index.cjs"));
export const BUILT_CACHE = JSON.stringify(join(__dirname, "../../dist/cache.cjs"));

/** Root may write anywhere: a test that needs a write refused runs its script as nobody, and gives it the files. */
const asRoot = process.getuid?.() === 0;

/** Makes `path` (and what is in it) belong to the user an unprivileged script runs as. Nothing to do unless root. */
export function giveToUnprivileged(path: string): void {
  if (!asRoot) return;
  chownSync(path, 65534, 65534);
  let entries: string[] = [];
  try {
    entries = readdirSync(path);
  } catch {
    return; // a file
  }
  for (const entry of entries) giveToUnprivileged(join(path, entry));
}

export interface ScriptRun {
  child: ChildProcess;
  /** Resolves once the process has exited: its code (null when killed), the signal, and what it printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Runs `script` (CommonJS) in a Node process of its own, killed after `timeout` ms whatever it does.
 * `unprivileged`: as nobody when the tests run as root, so that file permissions hold for it.
 */
export function nodeScript(script: string, { unprivileged = false, timeout = 30_000 }: { unprivileged?: boolean; timeout?: number } = {}): ScriptRun {
  const child = spawn(process.execPath, ["-e", script], unprivileged && asRoot ? { uid: 65534, gid: 65534 } : {});
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => (stdout += c));
  child.stderr!.on("data", (c) => (stderr += c));
  const killer = setTimeout(() => child.kill("SIGKILL"), timeout);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, exited };
}
