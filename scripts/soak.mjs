// A soak of the local SSO OIDC service: N clients, each signing in over and over for S seconds (register, start a
// device authorization, confirm and allow on the pages with their form tokens, redeem the device code, refresh; then
// an application's backend exchanging a trusted token issuer's JWT with CreateTokenWithIAM, signed, and refreshing
// that), against the built service in a process of its own. Then, once what the clients made has expired and been swept,
// the service's heap after a full GC is compared with where it was before (measured the same way, after a warm-up
// at the same load, so lazily made things such as compiled code and parser pools are in both).
//
// Lifetimes are seconds here (device codes 2 s, client secrets, access and refresh tokens 3 s) so that everything a run
// made expires within it: with the defaults (10 minutes, 90 days) the service must keep it, by design.
//
// Usage: node scripts/soak.mjs [--clients 200] [--seconds 20]
// Prints one JSON result; exits 1 when the service crashed, answered 5xx, or kept more than 10 % of heap.
import { fork } from "node:child_process";
import http from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SETTLE_LIMIT = 20_000;
// The application of the CreateTokenWithIAM part, and the credentials its backend signs with.
const APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
const KEYS = { accessKeyId: "AKIDSOAK", secretAccessKey: "soak/secret" };
const ISSUER = "https://idp.soak.example";

if (process.argv[2] === "--serve") await serve();
else await main();

/** The service's process: the built package, with a GC the parent can ask for. */
async function serve() {
  const { startLocalServer } = await import(pathToFileURL(join(root, "packages/sso-oidc-local/dist/index.mjs")).href);
  const server = await startLocalServer({
    deviceCodeTtl: 2,
    clientSecretTtl: 3,
    refreshTokenTtl: 3,
    accessTokenTtl: 3,
    interval: 0,
    sweepInterval: 0.25,
    iamCredentials: [KEYS],
    users: [{ userName: "soak", email: "soak@example.com" }],
    trustedTokenIssuers: [{ issuerUrl: ISSUER, jwks: { keys: [JSON.parse(process.env.SOAK_ISSUER_JWK)] } }],
    applications: [{ arn: APP, grants: { jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: ISSUER, authorizedAudiences: ["soak"] }] }, refreshToken: {} } }],
  });
  process.on("message", async (message) => {
    if (message === "measure") {
      for (let i = 0; i < 3; i++) globalThis.gc();
      const { heapUsed, rss } = process.memoryUsage();
      process.send({ heapUsed, rss, stats: server.stats() });
    } else if (message === "stop") {
      await server.close();
      process.exit(0);
    }
  });
  process.send({ url: server.url });
}

async function main() {
  const { values } = parseArgs({ options: { clients: { type: "string", default: "200" }, seconds: { type: "string", default: "20" } } });
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  if (!(Number.isInteger(clients) && clients > 0 && clients <= 2000) || !(seconds > 0 && seconds <= 600)) {
    throw new Error("--clients must be 1 to 2000, --seconds more than 0 and at most 600");
  }
  const { exportJWK, generateKeyPair, SignJWT } = await import("jose");
  const issuer = await generateKeyPair("ES256");
  const env = { ...process.env, SOAK_ISSUER_JWK: JSON.stringify(await exportJWK(issuer.publicKey)) };
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { env, execArgv: ["--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  /** Set when the service's process ends before it is told to: a crash. */
  let crashed = false;
  let stopping = false;
  const replies = [];
  const waiters = [];
  child.on("message", (m) => (waiters.length ? waiters.shift().resolve(m) : replies.push(m)));
  child.on("exit", (code, signal) => {
    if (!stopping) crashed = `exited with ${signal ?? code}`;
    for (const w of waiters.splice(0)) w.reject(new Error(`the service's process ended (${signal ?? code})`));
  });
  /** The service's next message. */
  const next = () =>
    new Promise((resolve, reject) => {
      if (replies.length) return resolve(replies.shift());
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error("the service's process ended"));
      waiters.push({ resolve, reject });
    });
  const { url } = await next();
  const measure = async () => (child.send("measure"), next());
  const counts = { flows: 0, requests: 0, status5xx: 0, unexpected: 0, networkErrors: 0 };

  /** One request over a keep-alive agent this script owns (so it can close every connection between phases). */
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 8 });
  const request = (method, path, { json, form } = {}) =>
    new Promise((resolve) => {
      const body = json ? JSON.stringify(json) : form ? new URLSearchParams(form).toString() : undefined;
      const headers = json ? { "content-type": "application/json" } : form ? { "content-type": "application/x-www-form-urlencoded" } : {};
      const req = http.request(`${url}${path}`, { method, agent, headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          counts.requests++;
          if (res.statusCode >= 500) counts.status5xx++;
          resolve({ status: res.statusCode, text });
        });
      });
      req.on("error", () => {
        counts.networkErrors++;
        resolve({ status: 0, text: "" });
      });
      req.end(body);
    });
  const fields = (html) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  const ok = (answer, status = 200) => {
    if (answer.status !== status) counts.unexpected++;
    return answer.status === status;
  };

  /** One sign-in, as a CLI and its user do it; false as soon as a step does not answer as it should. */
  async function signIn() {
    const reg = await request("POST", "/client/register", { json: { clientName: "soak", clientType: "public", scopes: ["sso:account:access"] } });
    if (!ok(reg)) return false;
    const { clientId, clientSecret } = JSON.parse(reg.text);
    const start = await request("POST", "/device_authorization", { json: { clientId, clientSecret, startUrl: "https://d-1.awsapps.com/start" } });
    if (!ok(start)) return false;
    const { deviceCode, verificationUriComplete } = JSON.parse(start.text);
    const confirm = await request("GET", new URL(verificationUriComplete).pathname + new URL(verificationUriComplete).search);
    if (!ok(confirm)) return false;
    const allow = await request("POST", "/device", { form: { ...fields(confirm.text), action: "confirm" } });
    if (!ok(allow)) return false;
    if (!ok(await request("POST", "/device", { form: { ...fields(allow.text), action: "approve" } }))) return false;
    const token = await request("POST", "/token", { json: { clientId, clientSecret, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode } });
    if (!ok(token)) return false;
    const refresh = await request("POST", "/token", { json: { clientId, clientSecret, grantType: "refresh_token", refreshToken: JSON.parse(token.text).refreshToken } });
    if (!ok(refresh)) return false;
    // The application's backend: a JWT of its identity provider exchanged for tokens, then a refresh, signed.
    const assertion = await new SignJWT({ email: "soak@example.com" }).setProtectedHeader({ alg: "ES256" }).setIssuer(ISSUER).setAudience("soak").setExpirationTime("5m").sign(issuer.privateKey);
    const exchanged = await signed({ clientId: APP, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
    return !!exchanged && !!(await signed({ clientId: APP, grantType: "refresh_token", refreshToken: exchanged.refreshToken }));
  }

  /** CreateTokenWithIAM with this SDK's built client, counted as the requests above are; undefined when it failed. */
  const { SSOOIDCClient, CreateTokenWithIAMCommand } = await import(pathToFileURL(join(root, "packages/client-sso-oidc/dist/index.mjs")).href);
  const iam = new SSOOIDCClient({ region: "us-east-1", endpoint: url, credentials: KEYS, maxAttempts: 1 });
  async function signed(input) {
    try {
      const output = await iam.send(new CreateTokenWithIAMCommand(input));
      counts.requests++;
      return output;
    } catch (e) {
      const status = e.$metadata?.httpStatusCode;
      if (status === undefined) counts.networkErrors++;
      else {
        counts.requests++;
        if (status >= 500) counts.status5xx++;
        counts.unexpected++;
      }
      return undefined;
    }
  }

  /** `clients` clients signing in for `ms` milliseconds (a loop bounded in time and, per client, in count). */
  const load = async (ms) => {
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < 100_000 && Date.now() < until && !crashed; i++) if (await signIn()) counts.flows++;
      }),
    );
    agent.destroy();
  };
  /** Waits (bounded) until everything the load made has expired and been swept, and every connection is closed. */
  const settle = async () => {
    const deadline = Date.now() + SETTLE_LIMIT;
    for (;;) {
      const m = await measure();
      if (Object.values(m.stats).every((n) => n === 0) || Date.now() > deadline) return m;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const started = Date.now();
  await load(Math.min(5000, seconds * 1000)); // warm-up at the same load, long enough for the hot code to be optimized
  const before = await settle();
  const warmup = { ...counts };
  await load(seconds * 1000);
  const after = await settle();
  iam.destroy();
  stopping = true;
  child.send("stop");
  await new Promise((resolve) => child.once("exit", resolve));

  const heapGrowth = (after.heapUsed - before.heapUsed) / before.heapUsed;
  const soak = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v - warmup[k]]));
  const result = {
    clients,
    seconds,
    ...soak,
    crashed,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    heapGrowth: Math.round(heapGrowth * 1000) / 1000,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heldAfter: after.stats,
    elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  const held = Object.values(after.stats).some((n) => n !== 0);
  result.ok = !crashed && soak.status5xx === 0 && soak.networkErrors === 0 && soak.unexpected === 0 && heapGrowth <= 0.1 && !held && soak.flows > 0;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
