// What a browser application downloads before and at its first failure: the initial bundle of
// { SSOOIDCClient, CreateTokenCommand } (rollup + terser, as bundle-size.mjs builds it), and the chunks that a first
// service error makes it load (a pending device authorization, the first answer a device login gets). The bundle
// runs in Node against a local server; the chunks it loads are counted by countModules.cjs.
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleSize } from "../bundle-size.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function failingServer() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = JSON.stringify({ error: "authorization_pending", error_description: "The user has not approved yet." });
      res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "AuthorizationPendingException", "access-control-expose-headers": "x-amzn-errortype" });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** { initialGzip, failureGzip, failureChunks } for the client package `pkg`. */
export async function firstFailure(pkg) {
  const out = mkdtempSync(join(tmpdir(), "ssokit-first-failure-"));
  const server = await failingServer();
  try {
    const bundle = await bundleSize("SSOOIDCClient, CreateTokenCommand", { target: "browser", pkg, out });
    writeFileSync(join(out, "package.json"), '{ "type": "module" }');
    const program = `import { SSOOIDCClient, CreateTokenCommand } from ${JSON.stringify(pathToFileURL(join(out, bundle.entry)).href)};
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: ${JSON.stringify(server.url)} });
const error = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: "d" })).catch((e) => e);
client.destroy();
if (error?.name !== "AuthorizationPendingException") throw new Error("expected AuthorizationPendingException, got " + (error?.name ?? "a success"));`;
    const modulesFile = join(out, "modules.json");
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--require", join(here, "countModules.cjs"), "--input-type=module", "-e", program], { cwd: out, env: { ...process.env, BENCH_MODULES_OUT: modulesFile }, stdio: ["ignore", "inherit", "inherit"] });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${pkg}: the bundle failed (exit ${code})`))));
    });
    const loaded = new Set(JSON.parse(readFileSync(modulesFile, "utf8")).files);
    const chunks = bundle.lazy.filter((c) => loaded.has(pathToFileURL(join(out, c.file)).href));
    return { initialGzip: bundle.gzip, failureGzip: chunks.reduce((a, c) => a + c.gzip, 0), failureChunks: chunks.map((c) => c.name) };
  } finally {
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
