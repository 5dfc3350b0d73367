import { fork } from "node:child_process";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { readNodeBody, onabortSignal, sendRequest } from "@ssokit/core";
import { variants } from "./scripts/bench/variants.mjs";
const child = fork("./scripts/bench/server.mjs", { execArgv: [] });
const { port } = await new Promise((r) => child.once("message", r));
const url = `http://127.0.0.1:${port}`;
const handler = new NodeHttpHandler();
const body = JSON.stringify({ clientId: "bench-client", clientSecret: "bench-secret", grantType: "refresh_token", refreshToken: "bench-refresh" });
const req = () => ({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port, path: "/token", query: {}, headers: { "content-type": "application/json", "content-length": String(body.length) }, body });
const cfg = (t) => ({ requestHandler: handler, requestTimeout: t, maxResponseBytes: 1 << 20, bodyReader: readNodeBody, attemptAbort: onabortSignal });
const c30 = cfg(30000), c0 = cfg(0);
const layers = {
  raw: (await variants.raw(url)).call,
  handler: async () => { const { response } = await handler.handle(req(), {}); const chunks = []; for await (const c of response.body) chunks.push(c); return JSON.parse(Buffer.concat(chunks).toString()); },
  handlerOnabortRead: async () => { const { response } = await handler.handle(req(), { abortSignal: onabortSignal().signal }); return JSON.parse(await readNodeBody(response.body, 1 << 20, { aborted: false }, 200)); },
  sendRequestNoTimer: async () => { const { response } = await sendRequest(c0, req(), undefined); return JSON.parse(Buffer.from(response.body).toString()); },
  sendRequest: async () => { const { response } = await sendRequest(c30, req(), undefined); return JSON.parse(Buffer.from(response.body).toString()); },
  client: (await variants.ours(url)).call,
};
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const res = {};
for (const n in layers) for (let i = 0; i < 2000; i++) await layers[n]();
for (let r = 0; r < 4; r++) for (const n in layers) { const ts = []; for (let i = 0; i < 2000; i++) { const t = performance.now(); await layers[n](); ts.push(performance.now() - t); } (res[n] ??= []).push(med(ts) * 1000); }
for (const n in res) console.log(n.padEnd(20), res[n].map((x) => x.toFixed(0)).join(" "), "→ median µs", med(res[n]).toFixed(0));
handler.destroy(); child.disconnect(); process.exit(0);
