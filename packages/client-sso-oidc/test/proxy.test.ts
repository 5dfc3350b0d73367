import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../../..");
let dir: string;
let target: https.Server;
let proxy: http.Server;
const tunnels: string[] = [];
const authorizations: (string | undefined)[] = [];

beforeAll(async () => {
  // A certificate for 127.0.0.1, made here, trusted by the child process through NODE_EXTRA_CA_CERTS.
  dir = mkdtempSync(join(tmpdir(), "ssokit-proxy-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  target = https.createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"accessToken":"through-the-tunnel","tokenType":"Bearer"}'));
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  // A forward proxy that only tunnels (CONNECT), as corporate proxies do for https.
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url!);
    authorizations.push(req.headers["proxy-authorization"] as string | undefined);
    const [host, port] = req.url!.split(":");
    const upstream = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
});

afterAll(async () => {
  target.closeAllConnections();
  proxy.closeAllConnections();
  await Promise.all([new Promise((r) => target.close(r)), new Promise((r) => proxy.close(r))]);
  rmSync(dir, { recursive: true, force: true });
});

describe("httpOptions.proxy with an https endpoint", () => {
  it("tunnels through CONNECT, with TLS end to end and the proxy credentials as Proxy-Authorization", async () => {
    const endpoint = `https://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const proxyUrl = `http://user:p%40ss@127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const program = `
const { SSOOIDC } = require("@ssokit/client-sso-oidc/v2");
const ssooidc = new SSOOIDC({ endpoint: ${JSON.stringify(endpoint)}, httpOptions: { proxy: ${JSON.stringify(proxyUrl)} } });
ssooidc.createToken({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }).promise()
  .then((out) => { console.log(out.accessToken); ssooidc.destroy(); })
  .catch((e) => { console.error(e); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ["-e", program], { cwd: root, env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, "cert.pem") } });
    expect(stdout.trim()).toBe("through-the-tunnel");
    expect(tunnels).toEqual([`127.0.0.1:${(target.address() as AddressInfo).port}`]);
    expect(authorizations).toEqual([`Basic ${Buffer.from("user:p@ss").toString("base64")}`]);
  });
});
