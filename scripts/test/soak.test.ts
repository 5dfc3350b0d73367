import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../..");

// A shorter run of scripts/soak.mjs than its default (200 clients for 20 s, which the README reports): the same
// sign-ins (a device login, then an application's CreateTokenWithIAM exchange and refresh) against the built local
// service in a process of its own, the heap compared after a full GC.
describe("the local service under a soak (scripts/soak.mjs)", () => {
  it("serves 50 clients signing in for 5 s with no crash and no 5xx, then holds nothing and its heap is back within 10 %", async () => {
    const { stdout } = await run(process.execPath, [join(root, "scripts/soak.mjs"), "--clients", "50", "--seconds", "5"], { cwd: root, timeout: 90_000 }).catch((e) => e);
    const result = JSON.parse(stdout);
    expect({ crashed: result.crashed, status5xx: result.status5xx, networkErrors: result.networkErrors, unexpected: result.unexpected, heldAfter: result.heldAfter }).toEqual({
      crashed: false,
      status5xx: 0,
      networkErrors: 0,
      unexpected: 0,
      heldAfter: { clients: 0, deviceAuthorizations: 0, authorizationRequests: 0, authorizationCodes: 0, refreshTokens: 0, applicationAccessTokens: 0, applicationRefreshTokens: 0, connections: 0 },
    });
    expect(result.flows).toBeGreaterThan(100);
    expect(result.heapGrowth).toBeLessThanOrEqual(0.1);
    expect(result.ok).toBe(true);
  }, 120_000);
});
