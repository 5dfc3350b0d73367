// `npm start`: a complete device login on this machine, no AWS account needed. It starts the local SSO OIDC
// service (sso-oidc local), runs `sso-oidc login` against it with a temporary cache directory, plays the user who
// opens the link and clicks "Approve" (over HTTP, as a browser would), and shows the cache file it wrote, secrets
// masked. Every step is printed as a user would see it.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages/cli/bin/sso-oidc.cjs");
const say = (text) => process.stdout.write(process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m\n` : `${text}\n`);
const indent = (text) => text.replace(/^/gm, "  │ ");

const workDir = mkdtempSync(join(tmpdir(), "ssokit-demo-"));
const cacheDir = join(workDir, "sso", "cache");
let local;
try {
  say("1. Starting the local SSO OIDC service: sso-oidc local --port 0");
  local = spawn(process.execPath, [bin, "local", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const endpoint = await new Promise((resolve, reject) => {
    local.on("error", reject);
    local.on("exit", (code) => reject(new Error(`sso-oidc local exited with ${code}`)));
    local.stdout.once("data", (chunk) => {
      const match = String(chunk).match(/listening on (\S+)/);
      match ? resolve(match[1]) : reject(new Error(`unexpected output: ${chunk}`));
    });
  });
  console.log(indent(`listening on ${endpoint}`));

  const args = ["login", "--start-url", "https://d-0000000000.awsapps.com/start", "--region", "us-east-1", "--session-name", "demo", "--endpoint", endpoint, "--cache-dir", cacheDir, "--no-browser"];
  say(`\n2. Signing in: sso-oidc ${args.join(" ")}`);
  const login = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let approved;
  const onOutput = (chunk) => {
    process.stdout.write(indent(String(chunk).replace(/\n$/, "")) + "\n");
    const url = String(chunk).match(/(http:\/\/\S+\/device\?user_code=[A-Z-]+)/)?.[1];
    if (url && !approved) approved = approve(url);
  };
  login.stdout.on("data", onOutput);
  login.stderr.on("data", onOutput);
  const code = await new Promise((resolve) => login.on("close", resolve));
  await approved;
  if (code !== 0) throw new Error(`sso-oidc login exited with ${code}`);

  const file = readFileSync(join(cacheDir, (await import("node:fs")).readdirSync(cacheDir)[0]), "utf8");
  const masked = JSON.parse(file, (key, value) =>
    ["accessToken", "refreshToken", "clientSecret"].includes(key) ? `<masked, ${value.length} characters>` : value,
  );
  say(`\n4. The token cache the AWS CLI reads (${cacheDir}), secrets masked:`);
  console.log(indent(JSON.stringify(masked, null, 2)));
  say("\nDone: a complete device login against the local service.");
} finally {
  local?.kill("SIGINT");
  rmSync(workDir, { recursive: true, force: true });
}

/** The user's side: open the verification page, check the code is there, click Approve. */
async function approve(url) {
  // A moment, as a person would take, so the login is seen waiting first.
  await new Promise((r) => setTimeout(r, 1500));
  say(`\n3. The user opens ${url} and clicks "Approve"`);
  const page = await (await fetch(url)).text();
  const userCode = page.match(/name="user_code" value="([A-Z-]+)"/)?.[1];
  const res = await fetch(url.split("?")[0], {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode, action: "approve" }).toString(),
  });
  const answer = (await res.text()).match(/<h1>(.*?)<\/h1>\s*<p>(.*?)<\/p>/s);
  console.log(indent(`${res.status} ${answer?.[1]}: ${answer?.[2]}`));
}
