import { fork } from "node:child_process";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { readNodeBody, onabortSignal, sendRequest } from "@ssokit/core";
import { SSOOIDCClient, CreateTokenCommand } from "@ssokit/client-sso-oidc";
import { variants } from "./scripts/bench/variants.mjs";
const child = fork("./scripts/bench/server.mjs", { execArgv: [] });
const { port } = await new Promise((r) => child.once("message", r));
const url = `http://127.0.0.1:${port}`;
const handler = new NodeHttpHandler();
const body = JSON.stringify({ clientId: "bench-client", clientSecret: "bench-secret", grantType: "refresh_token", refreshToken: "bench-refresh" });
const req = () => ({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port, path: "/token", query: {}, headers: { "content-type": "application/json", "content-length": String(body.length) }, body });
const cfg = { requestHandler: handler, requestTimeout: 30000, maxResponseBytes: 1 << 20, bodyReader: readNodeBody, attemptAbort: onabortSignal };
const layers = {
  raw: (await variants.raw(url)).call,
  handler: async () => { const { response } = await handler.handle(req(), { abortSignal: onabortSignal().signal }); return JSON.parse(await readNodeBody(response.body, 1 << 20, { aborted: false }, 200)); },
  sendRequest: async () => { const { response } = await sendRequest(cfg, req(), undefined); return JSON.parse(Buffer.from(response.body).toString()); },
  client: (await variants.ours(url)).call,
};
const run = async (name, call) => {
  let started = 0; const t = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => { while (started++ < 20000) await call(); }));
  return 20000 / ((performance.now() - t) / 1000);
};
const res = {};
for (const n in layers) for (let i = 0; i < 2000; i++) await layers[n]();
for (let r = 0; r < 4; r++) for (const n in layers) (res[n] ??= []).push(await run(n, layers[n]));
for (const n in res) console.log(n.padEnd(12), res[n].map(Math.round).join(" "), "→ µs/req", (1e6 / (res[n].reduce((a, b) => a + b) / res[n].length)).toFixed(1));
handler.destroy(); child.disconnect(); process.exit(0);
