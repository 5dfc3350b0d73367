import { main } from "@ssokit/cli";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The progress line on a terminal: `sso-oidc login` run in this process with a terminal-like stdout, against a
// service that takes connections and never answers.
describe("sso-oidc login on a terminal", () => {
  it("redraws one line with the call it waits on, the time spent and the attempt, then clears it before the error", async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const host = `127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), "ssokit-progress-"));
    const out: string[] = [];
    const err: string[] = [];
    try {
      const code = await main(
        ["login", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1", "--endpoint", `http://${host}`, "--cache-dir", dir, "--no-browser", "--request-timeout", "0.5"],
        { stdout: { write: (t: string) => out.push(t), isTTY: true }, stderr: { write: (t: string) => err.push(t) }, env: { AWS_CONFIG_FILE: join(dir, "none") } },
      );
      expect(code).toBe(5);
      const drawn = out.filter((t) => t.startsWith("\r\x1b[K") && t.length > 4).map((t) => t.slice(4).trim());
      const line = (attempt: number) => new RegExp(`^Waiting on RegisterClient at ${host.replace(/\./g, "\\.")}\\.\\.\\. 0:0\\d so far, attempt ${attempt} of 3$`);
      expect(drawn).toEqual(expect.arrayContaining([expect.stringMatching(line(2)), expect.stringMatching(line(3))]));
      // The line is cleared before the error is written.
      expect(out.at(-1)).toBe("\r\x1b[K");
      expect(err.join("")).toMatch(/^sso-oidc: No response from http:\/\/127\.0\.0\.1:\d+ within requestTimeout \(500 ms\)\. Gave up after 3 attempts in 0:0\d\.\n$/);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
