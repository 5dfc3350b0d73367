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

  it("loads adaptive retry only on demand: its rate limiter is a chunk of its own", async () => {
    const [bundle] = await measure("browser", "SSOOIDCClient, CreateTokenCommand");
    expect(bundle.lazy.map((c) => c.name)).toEqual(["AdaptiveRetryStrategy"]);
    expect(bundle.code).not.toContain("updateClientSendingRate");
  });
});
