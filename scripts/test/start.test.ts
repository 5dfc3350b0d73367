import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../..");

describe("npm start (scripts/start.mjs)", () => {
  it("shows a complete device login against the local service, masks the secrets, and exits 0", async () => {
    const { stdout } = await run(process.execPath, [join(root, "scripts/start.mjs")], { cwd: root, timeout: 60_000 });
    const steps = stdout.split("\n").filter((l) => /^\d\. /.test(l)).map((l) => l.slice(0, 2));
    expect(steps).toEqual(["1.", "2.", "3.", "4."]);
    expect(stdout).toMatch(/To sign in, open this URL:\n {2}│ \n {2}│ {3}http:\/\/127\.0\.0\.1:\d+\/device\?user_code=([A-Z]{4}-[A-Z]{4})/);
    const code = stdout.match(/user_code=([A-Z]{4}-[A-Z]{4})/)![1];
    expect(stdout).toContain(`Confirm the code: sso-oidc asks to sign in. Check that your device shows this code: ${code}`);
    expect(stdout).toContain(`Allow access?: sso-oidc (code ${code}) asks for access to: sso:account:access`);
    expect(stdout).toContain(`200 Access allowed: The code ${code} is approved: your device finishes signing in.`);
    expect(stdout).toMatch(/Signed in\. The token is valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(stdout).toMatch(/"accessToken": "<masked, \d+ characters>"/);
    expect(stdout).toMatch(/"refreshToken": "<masked, \d+ characters>"/);
    expect(stdout).toMatch(/"clientSecret": "<masked, \d+ characters>"/);
    expect(stdout).not.toMatch(/aoa-[\w-]{20}|aor-[\w-]{20}|csec-[\w-]{20}/);
    expect(stdout).toContain("Done: a complete device login against the local service.");
  });
});
