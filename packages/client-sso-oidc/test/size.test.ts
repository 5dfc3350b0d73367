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
  lazy: { name: string; gzip: number; code?: string }[];
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

  it("splits off code only some calls need, each piece in its own chunk, none of it in the initial bundle", async () => {
    const [bundle] = await measure("browser", "SSOOIDCClient, CreateTokenCommand");
    // chunk: a string only that code has
    const SPLIT: Record<string, string> = {
      AdaptiveRetryStrategy: "updateClientSendingRate",
      errorResponse: "AuthorizationPendingException",
      logCall: '"$fault"',
      nextRetryToken: "quota-exhausted",
      retryErrorInfo: "ECONNREFUSED",
      unsendableInput: "cannot be sent as JSON",
    };
    // `scrub` is shared by the error parser and the logger, so it is a chunk of its own that both import.
    expect(bundle.lazy.map((c) => c.name).sort()).toEqual([...Object.keys(SPLIT), "scrub"].sort());
    for (const [chunk, marker] of Object.entries(SPLIT)) {
      const code = bundle.lazy.find((c) => c.name === chunk)!.code!;
      expect([chunk, marker, bundle.code.includes(marker), code.includes(marker)]).toEqual([chunk, marker, false, true]);
    }
  });
});

describe("size budget", () => {
  // Fences just above the sizes reached (browser 8.54 KB, Node 10.59 KB gzip). The targets are 8 KB and 10 KB; the
  // two @smithy packages the browser build must use (middleware-stack, fetch-http-handler with protocol-http) take
  // 2.6 KB of it on their own. The official client: 46 KB and 96 KB.
  it("keeps SSOOIDCClient + CreateTokenCommand within 8.6 KB gzip for the browser and 10.7 KB for Node", async () => {
    const [browser] = await measure("browser", "SSOOIDCClient, CreateTokenCommand");
    const [node] = await measure("node", "SSOOIDCClient, CreateTokenCommand");
    expect(browser.gzip).toBeLessThanOrEqual(Math.floor(8.6 * 1024));
    expect(node.gzip).toBeLessThanOrEqual(Math.floor(10.7 * 1024));
  });
});
