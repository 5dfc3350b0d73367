import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../..");

/** Every `<!-- example prints: ... -->` followed by a js block, in the root README and each package's. */
function examples(): [string, string, string][] {
  const files = ["README.md", ...readdirSync(join(root, "packages")).map((p) => join("packages", p, "README.md"))];
  const found: [string, string, string][] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const re = /<!-- example prints: (.*?) -->\s*```js\n([\s\S]*?)```/g;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push([`${file}: ${m[1]}`, m[2], m[1]]);
  }
  return found;
}

let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const input = JSON.parse(body || "{}");
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.url === "/client/register") return send(200, { clientId: "cid", clientSecret: "csecret", clientSecretExpiresAt: 1 });
      if (req.url === "/device_authorization") return send(200, { deviceCode: "dc", userCode: "ABCD-EFGH", verificationUri: "http://x/", interval: 1, expiresIn: 600 });
      if (input.deviceCode === "pending-device-code") {
        return send(400, { error: "authorization_pending" }, { "x-amzn-errortype": "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/" });
      }
      send(200, { accessToken: "at", tokenType: "Bearer", expiresIn: 3600, refreshToken: "rt" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("README examples", () => {
  it("finds the examples", () => {
    expect(examples().length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples())("%s", async (_label, code, expected) => {
    // The example runs as written; only the environment points the client at a local server.
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], {
      cwd: root,
      env: { ...process.env, AWS_ENDPOINT_URL_SSO_OIDC: endpoint },
    });
    expect(stdout.trim()).toBe(expected);
  });
});
