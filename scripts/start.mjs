// `npm start`: a complete device login on this machine, no AWS account needed. It starts the local SSO OIDC
// service (sso-oidc local), runs `sso-oidc login` against it with a temporary cache directory, plays the user who
// opens the link, confirms the code and clicks "Allow" (over HTTP, as a browser would), and shows the cache file it
// wrote, secrets masked. Every step is printed as a user would see it.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, indent, say, startLocal } from "./demo.mjs";

const workDir = mkdtempSync(join(tmpdir(), "ssokit-demo-"));
const cacheDir = join(workDir, "sso", "cache");
let local;
try {
  say("1. Starting the local SSO OIDC service: sso-oidc local --port 0");
  const started = await startLocal(["--port", "0"], (output) => output.match(/^listening on (\S+)\n/)?.[1]);
  local = started.local;
  const endpoint = started.endpoint;
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

/**
 * The user's side, over HTTP as a browser would go: open the link, check the code and confirm it, see what the
 * application asks for, click "Allow". Each form carries its page's token (csrf), as it would in a browser.
 */
async function approve(url) {
  // A moment, as a person would take, so the login is seen waiting first.
  await new Promise((r) => setTimeout(r, 1500));
  const { origin, pathname } = new URL(url);
  const read = async (res) => {
    const html = await res.text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const heading = html.match(/<h1>(.*?)<\/h1>/s)?.[1];
    const text = html.match(/<\/h1>\s*<p>(.*?)<\/p>/s)?.[1]?.replace(/<[^>]+>/g, "");
    const scopes = [...html.matchAll(/<li><code>(.*?)<\/code><\/li>/g)].map((m) => m[1]).join(", ");
    return { status: res.status, fields, heading, text: scopes ? `${text} ${scopes}` : text };
  };
  const post = async (fields) =>
    read(await fetch(origin + pathname, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() }));
  say(`\n3. The user opens ${url}`);
  const confirm = await read(await fetch(url));
  console.log(indent(`${confirm.heading}: ${confirm.text} ${confirm.fields.user_code}`));
  say('   checks the code and clicks "Confirm and continue"');
  const allow = await post({ ...confirm.fields, action: "confirm" });
  console.log(indent(`${allow.heading}: ${allow.text}`));
  say('   and clicks "Allow"');
  const done = await post({ ...allow.fields, action: "approve" });
  console.log(indent(`${done.status} ${done.heading}: ${done.text}`));
}
