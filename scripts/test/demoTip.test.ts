import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../..");

describe("npm run demo:tip (scripts/demo-tip.mjs)", () => {
  it("exchanges a trusted token issuer's JWT end to end, shows the identity context, prints no secret, and exits 0", async () => {
    const { stdout } = await run(process.execPath, [join(root, "scripts/demo-tip.mjs")], { cwd: root, timeout: 60_000 });
    const steps = stdout.split("\n").filter((l) => /^\d\. /.test(l)).map((l) => l.slice(0, 2));
    expect(steps).toEqual(["1.", "2.", "3.", "4.", "5."]);
    expect(stdout).toMatch(/│ listening on http:\/\/127\.0\.0\.1:\d+\n {2}│ CreateTokenWithIAM \(POST \/token\?aws_iam=t\) in us-east-1:\n/);
    expect(stdout).toContain("│   1 user; signed with 1 access key (AKIDLOCALDEMOTIP)");
    expect(stdout).toMatch(/"assertion": "<masked, \d+ characters>"/);
    expect(stdout).toContain('"email": "alice@example.com"');
    for (const member of ["accessToken", "refreshToken", "idToken"]) expect(stdout).toMatch(new RegExp(`"${member}": "<masked, \\d+ characters>"`));
    expect(stdout).toContain('"issuedTokenType": "urn:ietf:params:oauth:token-type:refresh_token"');
    expect(stdout).toMatch(/the same as the id token's claim: true; the user \(sub\): [0-9a-f-]{36}\n/);
    const context = stdout.match(/5\. The identity context.*\n {2}│ ([\w-]+)\n/)![1];
    expect(JSON.parse(Buffer.from(context, "base64url").toString())).toEqual({
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      identityStoreId: "d-0000000000",
      applicationArn: "arn:aws:sso::123456789012:application/ssoins-7223ae9b1c44d8e2/apl-3f0c5d2e8a917b64",
      authTime: expect.any(String),
    });
    // No secret: the demo's secret access key and session token, a JWT (the assertion, the id token), a token.
    for (const secret of ["demo/Local+Secret/Access+Key/0000000000", "demo-local-session-token"]) expect([secret, stdout.includes(secret)]).toEqual([secret, false]);
    expect(stdout).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    expect(stdout).not.toMatch(/ao[ar]-[\w-]{20}/);
    expect(stdout).toContain("Done: a trusted token issuer's JWT exchanged for IAM Identity Center tokens, against the local service.");
  });
});
