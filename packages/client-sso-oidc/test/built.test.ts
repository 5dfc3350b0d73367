import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { json, startServer, type TestServer } from "./support/testServer";

const run = promisify(execFile);
const root = join(__dirname, "../../..");
const dist = join(__dirname, "../dist");
let server: TestServer;

beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { accessToken: "at-built", tokenType: "Bearer", expiresIn: "60" }, { "x-amzn-requestid": "built-1" }));
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const program = (load: string) => `
${load}
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: process.env.ENDPOINT });
client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }))
  .then((out) => { console.log(JSON.stringify(out)); client.destroy(); })
  .catch((e) => { console.error(e); process.exit(1); });
`;

async function node(args: string[]) {
  const { stdout } = await run(process.execPath, args, { cwd: root, env: { ...process.env, ENDPOINT: server.url } });
  return JSON.parse(stdout);
}

const { version } = JSON.parse(readFileSync(join(__dirname, "../package.json"), "utf8"));
const v = version.replace(/\./g, "\\.");
const expected = { accessToken: "at-built", tokenType: "Bearer", expiresIn: 60, $metadata: { httpStatusCode: 200, requestId: "built-1", attempts: 1, totalRetryDelay: 0 } };

describe("built @ssokit/client-sso-oidc", () => {
  it("has its ESM, CommonJS, browser and type entries", () => {
    for (const f of ["esm/index.mjs", "index.mjs", "index.cjs", "browser/index.mjs", "types/index.d.ts", "types/index.d.mts"]) expect([f, existsSync(join(dist, f))]).toEqual([f, true]);
  });

  it("sends a command through the ESM entry, resolved by package name", async () => {
    expect(await node(["--input-type=module", "-e", program(`import { SSOOIDCClient, CreateTokenCommand } from "@ssokit/client-sso-oidc";`)])).toEqual(expected);
    expect(server.requests[0].headers["user-agent"]).toMatch(new RegExp(`^ssokit/${v} .* md/nodejs#`));
  });

  it("sends a command through the CommonJS entry, resolved by package name", async () => {
    expect(await node(["-e", program(`const { SSOOIDCClient, CreateTokenCommand } = require("@ssokit/client-sso-oidc");`)])).toEqual(expected);
  });

  it("sends a command through the ES module build that bundlers take (the module condition)", async () => {
    const file = JSON.stringify(join(dist, "esm/index.mjs"));
    expect(await node(["--input-type=module", "-e", program(`import { SSOOIDCClient, CreateTokenCommand } from ${file};`)])).toEqual(expected);
  });

  it("gives Node's import and require one and the same copy of every class", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--input-type=module", "-e", `import { createRequire } from "node:module"; import * as esm from "@ssokit/client-sso-oidc"; import { SdkError } from "@ssokit/core";
const cjs = createRequire(process.cwd() + "/")("@ssokit/client-sso-oidc");
console.log(esm.SSOOIDCClient === cjs.SSOOIDCClient, esm.SdkError === SdkError, esm.SlowDownException === cjs.SlowDownException);`],
      { cwd: root },
    );
    expect(stdout.trim()).toBe("true true true");
  });

  it("loads @smithy/node-http-handler (and http2, https) for its default handler only, not for a handler given", async () => {
    const loads = async (handler: string) => {
      const { stdout } = await run(
        process.execPath,
        ["--input-type=module", "-e", `import http from "node:http";
import { SSOOIDCClient, CreateTokenCommand } from "@ssokit/client-sso-oidc";
const handler = { handle: (request) => new Promise((resolve, reject) => {
  const { hostname, port, path, method, headers, body } = request;
  http.request({ hostname, port, path, method, headers }, (res) => resolve({ response: { statusCode: res.statusCode, headers: res.headers, body: res } })).on("error", reject).end(body);
}) };
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: process.env.ENDPOINT${handler} });
const out = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
client.destroy();
const loaded = (m) => process.moduleLoadList.includes("NativeModule " + m);
console.log(JSON.stringify([out.accessToken, Object.keys((await import("node:module")).createRequire(import.meta.url).cache).some((f) => f.includes("node-http-handler")), loaded("http2"), loaded("https")]));`],
        { cwd: root, env: { ...process.env, ENDPOINT: server.url } },
      );
      return JSON.parse(stdout);
    };
    expect(await loads("")).toEqual(["at-built", true, true, true]);
    expect(await loads(", requestHandler: handler")).toEqual(["at-built", false, false, false]);
  });

  it("sends a command through the browser entry, with fetch", async () => {
    const file = JSON.stringify(join(dist, "browser/index.mjs"));
    expect(await node(["--input-type=module", "-e", program(`import { SSOOIDCClient, CreateTokenCommand } from ${file};`)])).toEqual(expected);
    expect(server.requests[0].headers["x-amz-user-agent"]).toMatch(new RegExp(`^ssokit/${v} ua/2\\.1 lang/js md/browser api/sso-oidc#${v}$`));
  });
});

describe("built @ssokit/client-sso-oidc, on a service error", () => {
  let failing: TestServer;
  beforeAll(async () => {
    failing = await startServer((_req, res) =>
      json(res, 400, { error: "authorization_pending", error_description: "waiting" }, { "x-amzn-errortype": "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/" }),
    );
  });
  afterAll(() => failing.close());

  // The error parser and the retry classification are loaded on demand: from a chunk (CommonJS) or a module (ES).
  const failingProgram = (load: string) => `
${load}
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: process.env.ENDPOINT });
client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" })).catch((e) => {
  console.log(JSON.stringify([e.name, e instanceof AuthorizationPendingException, e.message, e.$metadata.attempts]));
  client.destroy();
});
`;
  const names = "SSOOIDCClient, CreateTokenCommand, AuthorizationPendingException";
  it.each([
    ["the ESM entry", ["--input-type=module", "-e", failingProgram(`import { ${names} } from "@ssokit/client-sso-oidc";`)]],
    ["the CommonJS entry", ["-e", failingProgram(`const { ${names} } = require("@ssokit/client-sso-oidc");`)]],
    ["the ES build for bundlers", ["--input-type=module", "-e", failingProgram(`import { ${names} } from ${JSON.stringify(join(dist, "esm/index.mjs"))};`)]],
    ["the browser build", ["--input-type=module", "-e", failingProgram(`import { ${names} } from ${JSON.stringify(join(dist, "browser/index.mjs"))};`)]],
  ])("throws the modeled exception class through %s", async (_entry, args) => {
    const { stdout } = await run(process.execPath, args, { cwd: root, env: { ...process.env, ENDPOINT: failing.url } });
    expect(JSON.parse(stdout)).toEqual(["AuthorizationPendingException", true, "waiting", 1]);
  });
});
