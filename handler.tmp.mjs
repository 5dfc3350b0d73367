import { fork } from "node:child_process";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { variants } from "./scripts/bench/variants.mjs";
const child = fork("./scripts/bench/server.mjs", { execArgv: [] });
const { port } = await new Promise((r) => child.once("message", r));
const handler = new NodeHttpHandler();
const body = JSON.stringify({ clientId: "bench-client", clientSecret: "bench-secret", grantType: "refresh_token", refreshToken: "bench-refresh" });
const mk = (withSignal) => async () => {
  const ac = withSignal === "legacy" ? { signal: { aborted: false, onabort: null } } : withSignal ? new AbortController() : undefined;
  const { response } = await handler.handle({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port, path: "/token", query: {}, headers: { "content-type": "application/json", "content-length": String(body.length) }, body }, { abortSignal: ac?.signal });
  const chunks = []; for await (const c of response.body) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString());
};
const raw = await variants.raw(`http://127.0.0.1:${port}`);
const run = async (name, call) => {
  for (let i = 0; i < 2000; i++) await call();
  let started = 0; const t = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => { while (started++ < 20000) await call(); }));
  console.log(name, "rps", Math.round(20000 / ((performance.now() - t) / 1000)));
};
for (let r = 0; r < 2; r++) { await run("raw", raw.call); await run("smithy handler", mk(false)); await run("smithy handler + AbortController", mk(true)); await run("smithy handler + onabort object", mk("legacy")); }
raw.close(); handler.destroy(); child.disconnect();
