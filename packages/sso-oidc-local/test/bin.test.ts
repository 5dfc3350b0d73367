import { spawn } from "node:child_process";
import { join } from "node:path";

const bin = join(__dirname, "../dist/bin.cjs");

/** Runs the built bin; resolves with its exit code, stdout and stderr once it exits. */
function start(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args]);
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
    expect(unknown.stderr).toContain("Usage: sso-oidc-local [--port N] [--host H] [--cors]");
  });
});
