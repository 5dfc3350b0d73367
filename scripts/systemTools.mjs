// Finds the programs some tests drive (Chromium, the AWS CLI v2, openssl) and installs Debian's packages for the
// missing ones when it may (root, apt-get). `npm test` runs it first; a test asks it for a program's path.
// Usage: node scripts/systemTools.mjs --ensure [name ...]   installs what is missing (default: every tool)
//        node scripts/systemTools.mjs --print name           prints the program's path (installing it if needed)
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Each tool: the variable that may name it, where Debian (or Chrome) puts it, and the Debian package with it. */
const TOOLS = {
  chromium: { env: "CHROMIUM_PATH", paths: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"], pkg: "chromium" },
  // Debian's AWS CLI is version 2; a `pip install awscli` on PATH is version 1, so the path is fixed here.
  aws: { env: "AWS_CLI_V2_PATH", paths: ["/usr/bin/aws"], pkg: "awscli" },
  openssl: { env: "OPENSSL_PATH", paths: ["/usr/bin/openssl"], pkg: "openssl" },
};

/** The tool's executable: its variable when set, else the first usual path that exists; undefined when none. */
export function findTool(name) {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`Unknown tool ${name}; the tools are ${Object.keys(TOOLS).join(", ")}.`);
  const chosen = process.env[tool.env];
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`${tool.env} is ${chosen}, which does not exist.`);
    return chosen;
  }
  return tool.paths.find((path) => existsSync(path));
}

/** Installs the Debian packages of the tools not found (one apt-get run), then returns every tool's path. */
export function ensureTools(names = Object.keys(TOOLS)) {
  const missing = names.filter((name) => !findTool(name));
  if (missing.length) {
    const packages = missing.map((name) => TOOLS[name].pkg);
    const how = `Install the Debian packages ${packages.join(" ")} (apt-get install ${packages.join(" ")}), or set ${missing.map((n) => TOOLS[n].env).join(" / ")}.`;
    const apt = ["/usr/bin/apt-get", "/bin/apt-get"].find((path) => existsSync(path));
    if (!apt || process.getuid?.() !== 0) throw new Error(`Some tests need ${missing.join(", ")}, not found here. ${how}`);
    process.stderr.write(`Some tests need ${missing.join(", ")}: installing the Debian packages ${packages.join(" ")}...\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync(apt, ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"], env });
    execFileSync(apt, ["install", "-y", "-qq", ...packages], { stdio: ["ignore", "ignore", "inherit"], env });
    const still = missing.filter((name) => !findTool(name));
    if (still.length) throw new Error(`apt-get ran, but ${still.join(", ")} still cannot be found. ${how}`);
  }
  return Object.fromEntries(names.map((name) => [name, findTool(name)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    if (args[0] === "--print" && args.length === 2) process.stdout.write(`${ensureTools([args[1]])[args[1]]}\n`);
    else if (args[0] === "--ensure") ensureTools(args.length > 1 ? args.slice(1) : undefined);
    else throw new Error("Usage: node scripts/systemTools.mjs --ensure [name ...] | --print name");
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
