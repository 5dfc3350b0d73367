import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "../../..");

interface Measured {
  names: string;
  target: string;
  bytes: number;
  gzip: number;
  lazy: { name: string; gzip: number }[];
  code: string;
}

/** Bundles the built package the way an application would (rollup + terser), in a child process. */
async function measure(target: "browser" | "node", ...sets: string[]): Promise<Measured[]> {
  const { stdout } = await run(process.execPath, [join(root, "scripts/bundle-size.mjs"), "--code", "--target", target, ...sets], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

const COMMANDS = {
  CreateTokenCommand: ["CreateTokenCommand", '"/token"'],
  RegisterClientCommand: ["RegisterClientCommand", '"/client/register"'],
  StartDeviceAuthorizationCommand: ["StartDeviceAuthorizationCommand", '"/device_authorization"'],
} as const;

describe("bundle size", () => {
  it("keeps each command out of a bundle that imports only another one", async () => {
    const names = Object.keys(COMMANDS) as (keyof typeof COMMANDS)[];
    const bundles = await measure("browser", ...names.map((n) => `SSOOIDCClient, ${n}`));
    expect(bundles).toHaveLength(3);
    for (const [i, name] of names.entries()) {
      const code = bundles[i].code;
      for (const other of names) {
        for (const marker of COMMANDS[other]) expect([name, other, marker, code.includes(marker)]).toEqual([name, other, marker, other === name]);
      }
    }
  });

  it("keeps the v2-style SSOOIDC client and its options out of a bundle of SSOOIDCClient and a command", async () => {
    const [bundle] = await measure("browser", "SSOOIDCClient, CreateTokenCommand");
    for (const marker of ["InvalidApiVersion", "maxRetries", "redirectMiddleware", "validationMiddleware", "lineLoggerMiddleware"]) {
      expect([marker, bundle.code.includes(marker)]).toEqual([marker, false]);
    }
  });

  it("loads adaptive retry only on demand: its rate limiter is a chunk of its own", async () => {
    const [bundle] = await measure("browser", "SSOOIDCClient, CreateTokenCommand");
    expect(bundle.lazy.map((c) => c.name)).toEqual(["AdaptiveRetryStrategy"]);
    expect(bundle.code).not.toContain("updateClientSendingRate");
  });
});

describe("size budget", () => {
  // Regression budgets at the sizes reached so far (browser 9.7 KB, Node 11.5 KB, gzip). The targets are 8 KB and
  // 10 KB (the official client: 46 KB and 96 KB); these budgets tighten as the code gets there.
  it("keeps SSOOIDCClient + CreateTokenCommand within 10 KB gzip for the browser and 12 KB for Node", async () => {
    const [browser] = await measure("browser", "SSOOIDCClient, CreateTokenCommand");
    const [node] = await measure("node", "SSOOIDCClient, CreateTokenCommand");
    expect(browser.gzip).toBeLessThanOrEqual(10 * 1024);
    expect(node.gzip).toBeLessThanOrEqual(12 * 1024);
  });
});
