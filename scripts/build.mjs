// Builds every package in dependency order. For each subpath export ("." is src/index.ts, "./cache" is
// src/cache.ts) rollup (via swc) writes:
//   dist/<name>.mjs          Node's ES module entry (the `module-sync` and `import` conditions): one file per entry,
//                            code only some calls need in dist/chunks/, CommonJS-only dependencies required on
//                            first use (scripts/requireCommonJs.mjs)
//   dist/<name>.cjs          the CommonJS build (the `require` condition: Jest, tools without require(esm))
//   dist/esm/<name>.mjs      the ES build for bundlers (the `module` condition), one file per source module
//   dist/browser/<name>.mjs  the browser build, where the export has a `browser` condition
//   dist/bin.cjs             the command-line entry, where src/bin.ts exists (bin/<command>.cjs, committed, runs it)
// then the TypeScript compiler writes the declarations: dist/types/**/*.d.ts (CommonJS) and a .d.mts twin of each
// (ES modules), so that each condition's types describe the module format that condition loads.
// Usage: node scripts/build.mjs [package ...]
import { rollup } from "rollup";
import swc from "@rollup/plugin-swc";
import nodeResolve from "@rollup/plugin-node-resolve";
import ts from "typescript";
import { builtinModules } from "node:module";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { entryName, installed, moduleSubpaths, packageDirs, readPackage } from "./packages.mjs";
import { requireCommonJs } from "./requireCommonJs.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const wanted = process.argv.slice(2);
const packages = packageDirs().filter((dir) => !wanted.length || wanted.some((n) => dir.endsWith("/" + n)));

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

/**
 * Whether Node's `import` of this dependency loads CommonJS: no `"type": "module"` and no ES module in its exports.
 * An optional peer dependency that is not installed is left to Node's import.
 */
function commonJsOnly(dep, dir) {
  const found = installed(dep, dir);
  const pkg = found && readPackage(found);
  return pkg !== undefined && pkg.type !== "module" && !/"(import|module-sync)"|\.mjs"/.test(JSON.stringify(pkg.exports ?? {}));
}

async function bundle(dir, pkg) {
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const depOf = (id) => deps.find((d) => id === d || id.startsWith(d + "/"));
  const external = (id) => id.startsWith("node:") || builtinModules.includes(id) || depOf(id) !== undefined;
  const cjsDeps = new Set(deps.filter((d) => commonJsOnly(d, dir)));
  const input = {};
  const browserInput = {};
  for (const subpath of moduleSubpaths(pkg)) {
    const name = entryName(subpath);
    input[name] = join(dir, "src", `${name}.ts`);
    // src/<name>.browser.ts, where a package has one, leaves out what only Node can run.
    const browserSource = join(dir, "src", `${name}.browser.ts`);
    if (pkg.exports[subpath].browser) browserInput[name] = existsSync(browserSource) ? browserSource : input[name];
  }
  const plugins = [nodeResolve({ extensions: [".ts", ".mjs", ".js"] }), swc(swcOptions)];
  const onwarn = (w) => {
    // src/namespace.ts exports the entry's namespace as the entry's default: a cycle of two modules, and harmless
    // (a namespace object exists before either module runs).
    if (w.code === "CIRCULAR_DEPENDENCY" && w.ids.length === 3 && w.ids.some((id) => id === join(dir, "src/namespace.ts"))) return;
    throw new Error(`${pkg.name}: ${w.message}`);
  };
  const dist = join(dir, "dist");
  // The ES build for bundlers keeps one file per source module: an application's bundler can then split at module
  // level, so code behind a dynamic import (error parsing, logging, adaptive retry) leaves the initial chunk
  // together with the helpers only it uses.
  const modules = (sub) => ({ dir: join(dist, sub), format: "es", entryFileNames: "[name].mjs", preserveModules: true, preserveModulesRoot: join(dir, "src") });
  const flat = (format, ext, more = {}) => ({ dir: dist, format, entryFileNames: `[name].${ext}`, chunkFileNames: `chunks/[name].${ext}`, exports: "named", ...more });
  const esm = await rollup({ input, external, plugins, onwarn });
  await esm.write(modules("esm"));
  await esm.write(flat("es", "mjs", { plugins: [requireCommonJs((id) => cjsDeps.has(depOf(id)))] }));
  await esm.close();
  // CommonJS: the same entries, and the command-line entry where there is one, so that they share chunks.
  const bin = join(dir, "src", "bin.ts");
  const cjs = await rollup({ input: existsSync(bin) ? { ...input, bin } : input, external, plugins, onwarn, cache: esm.cache });
  await cjs.write(flat("cjs", "cjs"));
  await cjs.close();
  if (Object.keys(browserInput).length) {
    const browser = await rollup({ input: browserInput, external, plugins: [browserRuntime(), ...plugins], onwarn });
    await browser.write(modules("browser"));
    await browser.close();
  }
}

/** Every relative module specifier in a declaration file: `from "./x"`, `import("./x")`, `import "./x"`. */
const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']*)\2/g;
/** Every module specifier at all, relative or not. */
const ANY_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\breference\s+types=)(["'])([^"']+)\2/g;

/**
 * The ES module twin of a CommonJS declaration file: the same text, with each relative specifier naming the
 * `.mjs` file (which TypeScript maps to its `.d.mts`), as ES module resolution requires.
 */
function esmDeclaration(file, text) {
  return text.replace(RELATIVE_SPECIFIER, (_m, lead, quote, spec) => {
    const target = resolve(dirname(file), spec);
    const mapped = existsSync(`${target}.d.ts`) ? `${spec}.mjs` : existsSync(join(target, "index.d.ts")) ? `${spec.replace(/\/$/, "")}/index.mjs` : undefined;
    if (!mapped) throw new Error(`${file}: cannot map ${spec} to a declaration file`);
    return `${lead}${quote}${mapped}${quote}`;
  });
}

const esmOnly = new Map();
/**
 * Whether the copy of dependency `name` that the package in `dir` gets has ES module types only (its package is
 * `type: module` and has no `require` types). Each manifest is read once.
 */
function isEsmOnly(name, dir) {
  const found = installed(name, dir);
  if (!esmOnly.has(found)) {
    const manifest = readPackage(found);
    esmOnly.set(found, manifest.type === "module" && !JSON.stringify(manifest.exports ?? {}).includes('"require"'));
  }
  return esmOnly.get(found);
}

function declarations(dir, pkg) {
  const configPath = join(dir, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, configFileParsingDiagnostics: parsed.errors });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
    throw new Error(`${pkg.name}: type errors\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
  // A declaration may only name what an installed copy of the package can resolve: its own files, its
  // dependencies and Node's modules. A path into the monorepo (which TypeScript writes for a type it cannot name
  // otherwise) would break every consumer that checks library types.
  const allowed = new Set([...Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }), "node"]);
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  for (const file of walk(join(dir, "dist/types")).filter((f) => f.endsWith(".d.ts"))) {
    const text = readFileSync(file, "utf8");
    for (const [, , , spec] of text.matchAll(ANY_SPECIFIER)) {
      if (spec.startsWith(".") || spec.startsWith("node:") || builtinModules.includes(spec)) continue;
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (!allowed.has(name)) throw new Error(`${relative(root, file)} names ${JSON.stringify(spec)}, which is not a dependency of ${pkg.name}`);
      // A CommonJS declaration cannot name an ES-module-only package without a resolution-mode attribute, which
      // TypeScript before 5.3 cannot parse: our declarations describe such a dependency's values in our own types.
      if (isEsmOnly(name, dir)) throw new Error(`${relative(root, file)} names ${JSON.stringify(spec)}, an ES module only, which CommonJS consumers cannot type-check: declare the type in this package`);
    }
    writeFileSync(file.replace(/\.d\.ts$/, ".d.mts"), esmDeclaration(file, text));
  }
}

for (const dir of packages) {
  const pkg = readPackage(dir);
  const started = Date.now();
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  await bundle(dir, pkg);
  declarations(dir, pkg);
  console.log(`built ${pkg.name} in ${Date.now() - started} ms`);
}
