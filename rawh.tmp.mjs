import { fork } from "node:child_process";
import http from "node:http";
import { randomUUID } from "node:crypto";
const child = fork("./scripts/bench/server.mjs", { execArgv: [] });
const { port } = await new Promise((r) => child.once("message", r));
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
const payload = JSON.stringify({ clientId: "bench-client", clientSecret: "bench-secret", grantType: "refresh_token", refreshToken: "bench-refresh" });
const ua = "ssokit/0.1.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/sso-oidc#0.1.0";
const mk = (extra) => () => new Promise((resolve, reject) => {
  const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
  if (extra) Object.assign(headers, { "x-amz-user-agent": ua, "user-agent": ua, "amz-sdk-invocation-id": randomUUID(), "amz-sdk-request": "attempt=1; max=3" });
  const req = http.request({ hostname: "127.0.0.1", port, path: "/token", method: "POST", agent, headers }, (res) => {
    const chunks = []; res.on("data", (c) => chunks.push(c)); res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()))); res.on("error", reject);
  });
  req.on("error", reject); req.end(payload);
});
const run = async (name, call) => {
  for (let i = 0; i < 2000; i++) await call();
  let started = 0; const t = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => { while (started++ < 20000) await call(); }));
  console.log(name, "rps", Math.round(20000 / ((performance.now() - t) / 1000)));
};
for (let r = 0; r < 2; r++) { await run("raw", mk(false)); await run("raw + sdk headers", mk(true)); }
agent.destroy(); child.disconnect();
