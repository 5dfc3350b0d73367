// A new user's application: the packed tarballs installed with npm into a directory outside the workspace (no
// workspace links; dependencies from the npm cache, else the registry), then used from ES modules, CommonJS and
// TypeScript under moduleResolution node16, nodenext, bundler and node10, type-checking the packages' own
// declarations (skipLibCheck false), and running what TypeScript emitted.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { json, startServer, type TestServer } from "../../packages/client-sso-oidc/test/support/testServer";
import { npmEnv } from "./support/npmEnv";

const run = promisify(execFile);
const root = join(__dirname, "../..");
const read = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const workspaces: string[] = read(join(root, "package.json")).workspaces;
const manifests = workspaces.map((w) => read(join(root, w, "package.json")));
/** Every module subpath of every package, as an import specifier. */
const specifiers = manifests.flatMap((m) => Object.keys(m.exports).filter((s) => typeof m.exports[s] === "object").map((s) => (s === "." ? m.name : `${m.name}/${s.slice(2)}`)));
const installedVersion = (name: string) => read(join(root, "node_modules", name, "package.json")).version;

let app: string;
let server: TestServer;
const env = () => npmEnv({ ENDPOINT: server.url });
const node = async (file: string) => (await run(process.execPath, [file], { cwd: app, env: env() })).stdout.trim();

beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { accessToken: "at-consumer", tokenType: "Bearer", expiresIn: 60 }));
  const { tarballs } = JSON.parse((await run(process.execPath, [join(root, "scripts/pack.mjs")], { cwd: root })).stdout);
  app = mkdtempSync(join(tmpdir(), "ssokit-consumer-"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "ssokit-consumer", private: true, type: "commonjs" }));
  const deps = [...Object.values<string>(tarballs), `@types/node@${installedVersion("@types/node")}`, `@aws-sdk/client-sso-oidc@${installedVersion("@aws-sdk/client-sso-oidc")}`];
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", ...deps], { cwd: app, env: env() });
}, 240_000);
afterAll(async () => {
  await server?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

describe("an application that installs the packed tarballs", () => {
  it("has every package installed from its tarball, not linked to the workspace", () => {
    for (const m of manifests) {
      const dir = realpathSync(join(app, "node_modules", m.name));
      expect([m.name, relative(app, dir), read(join(dir, "package.json")).version]).toEqual([m.name, join("node_modules", m.name), m.version]);
    }
  });

  it("imports every entry as an ES module, with one copy of each class for import and require, and calls the service", async () => {
    writeFileSync(
      join(app, "esm.mjs"),
      `import { createRequire } from "node:module";
import oidc, { SSOOIDCClient, CreateTokenCommand } from "@ssokit/client-sso-oidc";
const require = createRequire(import.meta.url);
const entries = [];
for (const s of ${JSON.stringify(specifiers)}) {
  const esm = await import(s), cjs = require(s);
  const names = Object.keys(esm).filter((k) => k !== "default");
  entries.push([s, names.length > 0 && names.every((k) => esm[k] === cjs[k])]);
}
const client = new oidc.SSOOIDCClient({ region: "us-east-1", endpoint: process.env.ENDPOINT });
const out = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
client.destroy();
console.log(JSON.stringify({ token: out.accessToken, defaultIsModule: oidc.SSOOIDCClient === SSOOIDCClient, entries }));`,
    );
    expect(JSON.parse(await node("esm.mjs"))).toEqual({ token: "at-consumer", defaultIsModule: true, entries: specifiers.map((s) => [s, true]) });
  });

  it("requires every entry from CommonJS and calls the service", async () => {
    writeFileSync(
      join(app, "cjs.cjs"),
      `const { SSOOIDCClient, CreateTokenCommand } = require("@ssokit/client-sso-oidc");
const entries = ${JSON.stringify(specifiers)}.map((s) => [s, Object.keys(require(s)).length > 0]);
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: process.env.ENDPOINT });
client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" })).then((out) => {
  client.destroy();
  console.log(JSON.stringify({ token: out.accessToken, defaultIsModule: require("@ssokit/client-sso-oidc").default.SSOOIDCClient === SSOOIDCClient, entries }));
});`,
    );
    expect(JSON.parse(await node("cjs.cjs"))).toEqual({ token: "at-consumer", defaultIsModule: true, entries: specifiers.map((s) => [s, true]) });
  });

  it("runs the packages' commands from node_modules/.bin", async () => {
    const version = manifests.find((m) => m.name === "@ssokit/cli").version;
    expect((await run(join(app, "node_modules/.bin/sso-oidc"), ["--version"], { cwd: app, env: env() })).stdout).toBe(`sso-oidc ${version}\n`);
    expect((await run(join(app, "node_modules/.bin/sso-oidc-local"), ["--help"], { cwd: app, env: env() })).stdout).toMatch(/^Usage: sso-oidc-local /);
  });
});

// What TypeScript gets: each entry imported (the client's default import too), a typed call, and its result.
const program = `import oidc, { CreateTokenCommand, SSOOIDCClient, type CreateTokenCommandOutput } from "@ssokit/client-sso-oidc";
${specifiers.map((s, i) => `import * as entry${i} from "${s}";`).join("\n")}
const entries: object[] = [${specifiers.map((_s, i) => `entry${i}`).join(", ")}];
async function main(endpoint: string): Promise<string> {
  const client = new oidc.SSOOIDCClient({ region: "us-east-1", endpoint });
  const out: CreateTokenCommandOutput = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
  client.destroy();
  return JSON.stringify({ token: out.accessToken, defaultIsModule: oidc.SSOOIDCClient === SSOOIDCClient, entries: entries.map((e) => Object.keys(e).length > 0) });
}
main(process.env.ENDPOINT!).then(console.log);
export {};
`;
/** The same default import, of @aws-sdk/client-sso-oidc: where v3's types allow it, ours must too. */
const v3Program = `import oidc from "@aws-sdk/client-sso-oidc";\nexport const client = new oidc.SSOOIDCClient({ region: "us-east-1" });\n`;

const MODES = [
  { name: "node16", module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, files: ["app.mts", "app.cts"] },
  { name: "nodenext", module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, files: ["app.mts", "app.cts"] },
  { name: "bundler", module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, files: ["app.ts"] },
  { name: "node10", module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, files: ["app.ts"] },
];

describe.each(MODES)("TypeScript, moduleResolution $name", (mode) => {
  let diagnostics: Map<string, string[]>;
  let dir: string;
  beforeAll(() => {
    dir = join(app, `ts-${mode.name}`);
    mkdirSync(dir);
    const files = mode.files.flatMap((f) => {
      writeFileSync(join(dir, f), program);
      writeFileSync(join(dir, f.replace("app", "v3")), v3Program);
      return [join(dir, f), join(dir, f.replace("app", "v3"))];
    });
    const options: ts.CompilerOptions = {
      module: mode.module,
      moduleResolution: mode.moduleResolution,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: false,
      types: ["node"],
      typeRoots: [join(app, "node_modules/@types")],
      outDir: join(dir, "out"),
    };
    const tsProgram = ts.createProgram(files, options);
    const all = [...ts.getPreEmitDiagnostics(tsProgram), ...tsProgram.emit().diagnostics];
    diagnostics = new Map();
    for (const d of all) {
      const file = d.file ? relative(app, d.file.fileName) : "(options)";
      diagnostics.set(file, [...(diagnostics.get(file) ?? []), ts.flattenDiagnosticMessageText(d.messageText, " ")]);
    }
  });

  it("type-checks the application and every declaration file of the packages, with no error", () => {
    const ours = [...diagnostics].filter(([file]) => !/(^|\/)v3\.[cm]?ts$/.test(file) && !file.includes("node_modules/@aws-sdk/"));
    expect(ours).toEqual([]);
  });

  it("accepts the client's default import wherever it accepts @aws-sdk/client-sso-oidc's", () => {
    const v3Accepts = mode.files.map((f) => !diagnostics.has(relative(app, join(dir, f.replace("app", "v3")))));
    // With esModuleInterop (node16 and nodenext imply it) TypeScript gives v3's CommonJS package a default import
    // in every mode, and Node gives it one at run time: so ours has one, in every mode.
    expect(v3Accepts).toEqual(mode.files.map(() => true));
    expect(mode.files.map((f) => !diagnostics.has(relative(app, join(dir, f))))).toEqual(v3Accepts);
  });

  it("runs what TypeScript emitted (bundled first by rollup, for bundler)", async () => {
    const outputs = mode.files.map((f) => join(dir, "out", f.replace(/ts$/, "js")));
    if (mode.name === "bundler") {
      const bundle = join(dir, "out", "bundle.mjs");
      // Optional peer dependencies (the client's default credential chain) are loaded on demand, if installed; they
      // stay outside the bundle, as in bundle-size.mjs.
      const optionalPeers = manifests.flatMap((m) => Object.keys(m.peerDependenciesMeta ?? {}).filter((p) => m.peerDependenciesMeta[p].optional));
      const script = `const optionalPeers = ${JSON.stringify(optionalPeers)};
import { rollup } from "rollup"; import nodeResolve from "@rollup/plugin-node-resolve"; import commonjs from "@rollup/plugin-commonjs";
const b = await rollup({ input: ${JSON.stringify(outputs[0])}, plugins: [nodeResolve({ exportConditions: ["node"], preferBuiltins: true }), commonjs()], external: optionalPeers, onwarn: () => {} });
await b.write({ file: ${JSON.stringify(bundle)}, format: "es", inlineDynamicImports: true });`;
      await run(process.execPath, ["--input-type=module", "-e", script], { cwd: root });
      outputs.splice(0, 1, bundle);
    }
    for (const file of outputs) {
      expect([relative(dir, file), JSON.parse(await node(file))]).toEqual([relative(dir, file), { token: "at-consumer", defaultIsModule: true, entries: specifiers.map(() => true) }]);
    }
  });
});
