// Builds every package in dependency order: rollup (via swc) writes the ESM and CommonJS entries (and, for the
// client, a browser ESM entry), then the TypeScript compiler writes the declarations.
// Usage: node scripts/build.mjs [package ...]
import { rollup } from "rollup";
import swc from "@rollup/plugin-swc";
import nodeResolve from "@rollup/plugin-node-resolve";
import ts from "typescript";
import { builtinModules } from "node:module";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const workspaces = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).workspaces;
const wanted = process.argv.slice(2);
const packages = wanted.length ? workspaces.filter((w) => wanted.some((n) => w.endsWith("/" + n))) : workspaces;

const swcOptions = {
  swc: {
    jsc: {
      target: "es2021",
      parser: { syntax: "typescript" },
      transform: { useDefineForClassFields: false },
      externalHelpers: false,
    },
  },
};

/** Swaps `./runtimeConfig` for `./runtimeConfig.browser` in the browser build. */
const browserRuntime = () => ({
  name: "browser-runtime",
  async resolveId(source, importer, options) {
    if (!/\/runtimeConfig$/.test(source)) return null;
    return this.resolve(source + ".browser", importer, { ...options, skipSelf: true });
  },
});

async function bundle(dir, pkg) {
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const external = (id) =>
    id.startsWith("node:") || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(d + "/"));
  // One entry per subpath export: "." is src/index.ts, "./adaptive" is src/adaptive.ts.
  const input = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target !== "object" || !target.import) continue;
    const name = subpath === "." ? "index" : subpath.slice(2);
    input[name] = join(dir, "src", `${name}.ts`);
  }
  const plugins = [nodeResolve({ extensions: [".ts", ".mjs", ".js"] }), swc(swcOptions)];
  const out = (format, ext) => ({ dir: join(dir, "dist"), format, entryFileNames: `[name].${ext}`, chunkFileNames: `chunks/[name].${ext}`, exports: "named" });
  // The ES builds keep one file per source module: an application's bundler can then split at module level, so
  // code behind a dynamic import (error parsing, logging, adaptive retry) leaves the initial chunk together with
  // the helpers only it uses.
  const modules = (sub) => ({ dir: join(dir, "dist", sub), format: "es", entryFileNames: "[name].mjs", preserveModules: true, preserveModulesRoot: join(dir, "src") });
  const variants = [{ input, plugins, outputs: [modules("esm"), out("cjs", "cjs")] }];
  // Command-line entries: CommonJS, with a shebang, executable.
  for (const file of Object.values(pkg.bin ?? {})) {
    const name = file.replace(/^\.\/dist\//, "").replace(/\.cjs$/, "");
    variants.push({ input: { [name]: join(dir, "src", `${name}.ts`) }, plugins, outputs: [{ ...out("cjs", "cjs"), banner: "#!/usr/bin/env node" }], executable: true });
  }
  // A browser build of every entry with a `browser` condition; src/<entry>.browser.ts, where a package has one,
  // leaves out what only Node can run.
  const browserInput = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target !== "object" || !target.browser) continue;
    const name = subpath === "." ? "index" : subpath.slice(2);
    const browserEntry = join(dir, "src", `${name}.browser.ts`);
    browserInput[name] = existsSync(browserEntry) ? browserEntry : input[name];
  }
  if (Object.keys(browserInput).length) variants.push({ input: browserInput, plugins: [browserRuntime(), ...plugins], outputs: [modules("browser")] });
  for (const v of variants) {
    const build = await rollup({ input: v.input, external, plugins: v.plugins, onwarn: (w) => { throw new Error(`${pkg.name}: ${w.message}`); } });
    for (const o of v.outputs) {
      const { output } = await build.write({ ...o, sourcemap: false });
      // Node's `import` gets a thin ES module over the CommonJS build: one copy of the code per process (no
      // dual-package hazard), and Node loads the whole tree through require, which is markedly faster at start-up
      // than ESM over the CommonJS @smithy packages. Bundlers take the real ES build through the `module` condition.
      if (o.format === "cjs" && !v.executable) {
        for (const chunk of output.filter((c) => c.isEntry)) {
          const wrapper = chunk.fileName.replace(/\.cjs$/, ".node.mjs");
          writeFileSync(join(dir, "dist", wrapper), `export { ${chunk.exports.join(", ")} } from "./${chunk.fileName}";\n`);
        }
      }
    }
    await build.close();
    if (v.executable) for (const name of Object.keys(v.input)) chmodSync(join(dir, "dist", `${name}.cjs`), 0o755);
  }
}

function declarations(dir, pkg) {
  const configPath = join(dir, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  const program = ts.createIncrementalProgram({ rootNames: parsed.fileNames, options: parsed.options, configFileParsingDiagnostics: parsed.errors });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program.getProgram()), ...result.diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
    throw new Error(`${pkg.name}: type errors\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

for (const ws of packages) {
  const dir = join(root, ws);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const started = Date.now();
  mkdirSync(join(dir, "dist"), { recursive: true });
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  await bundle(dir, pkg);
  declarations(dir, pkg);
  console.log(`built ${pkg.name} in ${Date.now() - started} ms`);
}
