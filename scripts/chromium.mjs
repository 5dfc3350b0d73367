// Finds the Chromium the browser tests drive, and installs Debian's package when it is missing and we may.
// Usage: node scripts/chromium.mjs --ensure [--print]   (`npm test` runs it; --print writes the executable's path)
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The Chromium executable: `CHROMIUM_PATH` when set, else the first of the usual Debian and Chrome paths that exists. */
export function findChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, which does not exist.`);
    return chosen;
  }
  return CANDIDATES.find((path) => existsSync(path));
}

const HOW = "Install the Debian package chromium (apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.";

/** Returns the Chromium path, installing the Debian package first when none is found and this is root on Debian. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const apt = ["/usr/bin/apt-get", "/bin/apt-get"].find((path) => existsSync(path));
  if (!apt || process.getuid?.() !== 0) throw new Error(`The browser tests need Chromium and none was found. ${HOW}`);
  process.stderr.write("The browser tests need Chromium: installing Debian's chromium package...\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync(apt, ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"], env });
  execFileSync(apt, ["install", "-y", "-qq", "chromium"], { stdio: ["ignore", "ignore", "inherit"], env });
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium, but no executable was found. ${HOW}`);
  return installed;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--ensure")) {
  try {
    const path = ensureChromium();
    if (process.argv.includes("--print")) process.stdout.write(`${path}\n`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
