// The three ways of making one CreateToken call that the benchmark compares. Each `setup(url)` returns
// `{ call, close }`; `call()` resolves when the whole response has been read and parsed.
import http from "node:http";

const input = { clientId: "bench-client", clientSecret: "bench-secret", grantType: "refresh_token", refreshToken: "bench-refresh" };

export const variants = {
  /** The floor: node:http with a keep-alive agent, the same request and a JSON.parse of the answer. */
  async raw(url) {
    const { hostname, port } = new URL(url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const payload = JSON.stringify(input);
    const call = () =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { hostname, port, path: "/token", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
          (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(payload);
      });
    return { call, close: () => agent.destroy() };
  },

  /** This SDK, from its built package. */
  async ours(url) {
    const { SSOOIDCClient, CreateTokenCommand } = await import("@ssokit/client-sso-oidc");
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: url });
    return { call: () => client.send(new CreateTokenCommand(input)), close: () => client.destroy() };
  },

  /** The official AWS SDK for JavaScript v3 client, pinned as a devDependency. */
  async official(url) {
    const { SSOOIDCClient, CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: url });
    return { call: () => client.send(new CreateTokenCommand(input)), close: () => client.destroy() };
  },
};

/** A program for a fresh process: import, construct, one call, exit. For the cold-start measure. */
export const coldStart = {
  raw: `import http from "node:http";
const payload = JSON.stringify(${JSON.stringify(input)});
const { hostname, port } = new URL(process.env.BENCH_URL);
const agent = new http.Agent({ keepAlive: true });
const req = http.request({ hostname, port, path: "/token", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } }, (res) => {
  const chunks = []; res.on("data", (c) => chunks.push(c)); res.on("end", () => { JSON.parse(Buffer.concat(chunks).toString()); agent.destroy(); });
});
req.end(payload);`,
  ours: `import { SSOOIDCClient, CreateTokenCommand } from "@ssokit/client-sso-oidc";
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: process.env.BENCH_URL });
await client.send(new CreateTokenCommand(${JSON.stringify(input)}));
client.destroy();`,
  official: `import { SSOOIDCClient, CreateTokenCommand } from "@aws-sdk/client-sso-oidc";
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: process.env.BENCH_URL });
await client.send(new CreateTokenCommand(${JSON.stringify(input)}));
client.destroy();`,
};

/**
 * A program that builds 4,000 clients and prints the heap they hold, in bytes per client, after GC. It first builds
 * (and drops) 1,000 others, so that the code V8 compiles for the constructor, which also lives in the heap, is
 * not counted as the clients'.
 */
export const heapProgram = (variant) => `
const { SSOOIDCClient } = await import(${JSON.stringify(variant === "ours" ? "@ssokit/client-sso-oidc" : "@aws-sdk/client-sso-oidc")});
const keep = [];
for (let i = 0; i < 1000; i++) new SSOOIDCClient({ region: "us-east-1" }).destroy();
for (let i = 0; i < 3; i++) globalThis.gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 4000; i++) keep.push(new SSOOIDCClient({ region: "us-east-1" }));
for (let i = 0; i < 3; i++) globalThis.gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ perClient: (after - before) / keep.length }));
`;
