import { CreateTokenWithIAMCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP, iamOptions, JWT_BEARER, KEYS, makeIssuer } from "./support/iamFixture";

const bin = join(__dirname, "../dist/bin.cjs");

/** Runs the built bin; resolves with its exit code, stdout and stderr once it exits. */
function start(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [bin, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  // Whatever a test awaits, the process does not outlive it.
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const url = stdout.match(/^listening on (http:\/\/127\.0\.0\.1:\d+)\n/)?.[1];
      if (url) resolve(url);
    });
    child.on("close", () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  listening.catch(() => {}); // awaited only by tests that expect it to listen
  return { child, exited, listening };
}

describe("sso-oidc-local (bin)", () => {
  it("serves with --cors until SIGTERM, then exits 0", async () => {
    const { child, exited, listening } = start(["--port", "0", "--cors"]);
    const url = await listening;
    const preflight = await fetch(`${url}/token`, { method: "OPTIONS", headers: { origin: "http://app.test", "access-control-request-method": "POST" } });
    expect([preflight.status, preflight.headers.get("access-control-allow-origin")]).toEqual([204, "*"]);
    const res = await fetch(`${url}/client/register`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"clientName":"x","clientType":"public"}' });
    expect([res.status, res.headers.get("access-control-expose-headers")]).toEqual([200, "x-amzn-requestid, x-amzn-errortype, retry-after, x-amz-retry-after"]);
    child.kill("SIGTERM");
    expect((await exited).code).toBe(0);
  });

  it("says so on stderr when bound to every interface, and prints a loopback URL to connect to", async () => {
    const { child, exited, listening } = start(["--host", "0.0.0.0"]);
    const url = await listening;
    const res = await fetch(`${url}/device`);
    child.kill("SIGTERM");
    const { code, stderr } = await exited;
    expect([res.status, code]).toEqual([200, 0]);
    expect(stderr).toMatch(/^warning: listening on every network interface: other machines can reach this test service\. Verification links use http:\/\/[\d.:\[\]a-f]+:\d+\.\n$/);
    expect(stderr).not.toContain("0.0.0.0");
  });

  it("exits 2 and names the problem for a bad port or an unknown flag", async () => {
    const badPort = await start(["--port", "70000"]).exited;
    expect([badPort.code, badPort.stderr]).toEqual([2, 'sso-oidc-local: --port must be a whole number from 0 to 65535, not "70000"\n']);
    const unknown = await start(["--color"]).exited;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^sso-oidc-local: Unknown option '--color'/);
    expect(unknown.stderr).toContain("Usage: sso-oidc-local [--port N] [--host H] [--cors] [--config FILE] [--region R] [--iam-credentials-from-env]");
  });
});

describe("sso-oidc-local --config FILE (CreateTokenWithIAM for an application)", () => {
  const dir = mkdtempSync(join(tmpdir(), "ssokit-local-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the applications, issuers, users and credentials of the file, says so without a secret, and exchanges a JWT", async () => {
    const issuer = await makeIssuer();
    const { clock: _clock, ...options } = iamOptions(issuer, "http://127.0.0.1/callback");
    const file = join(dir, "tip.json");
    writeFileSync(file, JSON.stringify({ ...options, accessTokenTtl: 900 }));
    const { child, exited, listening } = start(["--config", file]);
    const url = await listening;
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: url, credentials: KEYS, maxAttempts: 1 });
    const output = await client.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "alice@example.com" }, Date.now()) }));
    client.destroy();
    child.kill("SIGTERM");
    const { code, stdout, stderr } = await exited;
    expect([code, output.expiresIn, output.tokenType]).toEqual([0, 900, "Bearer"]);
    expect(stdout.split("\n").slice(1)).toEqual([
      "CreateTokenWithIAM (POST /token?aws_iam=t) in us-east-1:",
      `  application ${APP}: authorizationCode, refreshToken, jwtBearer, tokenExchange`,
      "  application arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-3333333333333333: tokenExchange, jwtBearer",
      "  application arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-4444444444444444: no grants",
      "  trusted token issuer https://idp.example.com/tenant-1",
      "  2 users; signed with 2 access keys (AKIDLOCALTEST0001, AKIDLOCALTEST0002)",
      "",
    ]);
    for (const secret of [KEYS.secretAccessKey, KEYS.sessionToken, "local/Secret+Key0002"]) expect([secret, `${stdout}${stderr}`.includes(secret)]).toEqual([secret, false]);
  });

  it("accepts the environment's AWS credentials with --iam-credentials-from-env, for --region", async () => {
    const issuer = await makeIssuer();
    const { clock: _clock, iamCredentials: _keys, ...options } = iamOptions(issuer, "http://127.0.0.1/callback");
    const file = join(dir, "env.json");
    writeFileSync(file, JSON.stringify(options));
    const env = { ...process.env, AWS_ACCESS_KEY_ID: "AKIDFROMENV", AWS_SECRET_ACCESS_KEY: "env/secret", AWS_SESSION_TOKEN: "env-token" };
    const { child, exited, listening } = start(["--config", file, "--region", "eu-west-1", "--iam-credentials-from-env"], env);
    const url = await listening;
    const client = new SSOOIDCClient({ region: "eu-west-1", endpoint: url, credentials: { accessKeyId: "AKIDFROMENV", secretAccessKey: "env/secret", sessionToken: "env-token" }, maxAttempts: 1 });
    const output = await client.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await issuer.mint({ email: "bob@example.com" }, Date.now()) }));
    client.destroy();
    child.kill("SIGTERM");
    const { code, stdout } = await exited;
    expect([code, output.tokenType, stdout.includes("in eu-west-1:"), stdout.includes("(AKIDFROMENV)"), stdout.includes("env/secret")]).toEqual([0, "Bearer", true, true, false]);
  });

  it("exits 2 for a file it cannot use, naming the file and the option, never quoting a secret", async () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const cases: [string[], string][] = [
      [["--config", join(dir, "missing.json")], `sso-oidc-local: cannot read the config file ${join(dir, "missing.json")}: ENOENT\n`],
      [["--config", write("bad.json", '{"iamCredentials": [{"accessKeyId": "A", "secretAccessKey": "sk-very-secret"')], `the config file ${join(dir, "bad.json")} is not JSON`],
      [["--config", write("unknown.json", '{"clock": 1}')], 'has an option this service does not take: "clock"'],
      [["--config", write("arn.json", JSON.stringify({ applications: [{ arn: "my-app", grants: {} }] }))], "applications[0].arn must be an application ARN"],
      [["--config", write("keys.json", JSON.stringify({ iamCredentials: [{ accessKeyId: "A", secretAccessKey: "sk-very-secret" }, { accessKeyId: "A", secretAccessKey: "sk-very-secret" }] }))], 'iamCredentials has two entries with the accessKeyId "A"'],
      [["--region", "moon"], "region must be an AWS region such as us-east-1"],
      [["--iam-credentials-from-env"], "--iam-credentials-from-env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"],
    ];
    const env = { ...process.env, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" };
    for (const [args, message] of cases) {
      const { code, stderr } = await start(args, env).exited;
      expect([args, code, stderr.includes(message), stderr.includes("sk-very-secret")]).toEqual([args, 2, true, false]);
    }
  });
});
