// What the demos (`npm start`, `npm run demo:tip`) share: how they print their steps, and starting `sso-oidc local`.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The CLI as npm links it (its committed bin, which runs the build). */
export const bin = join(dirname(fileURLToPath(import.meta.url)), "../packages/cli/bin/sso-oidc.cjs");
/** A step's heading, bold on a terminal. */
export const say = (text) => process.stdout.write(process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m\n` : `${text}\n`);
/** What a step shows, set off under its heading. */
export const indent = (text) => text.replace(/^/gm, "  │ ");

/**
 * Starts `sso-oidc local` with `args`; resolves once `ready(output)` finds the service's URL in what it printed so
 * far, with the child, the URL and that output; rejects if it ends first.
 */
export function startLocal(args, ready) {
  const local = spawn(process.execPath, [bin, "local", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    local.on("error", reject);
    local.on("exit", (code) => reject(new Error(`sso-oidc local exited with ${code}: ${output}`)));
    local.stdout.on("data", (chunk) => {
      output += chunk;
      const endpoint = ready(output);
      if (endpoint) resolve({ local, endpoint, output });
    });
  });
}
