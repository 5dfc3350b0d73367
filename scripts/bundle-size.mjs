// Bundles an import of the built client the way an application would (rollup, node-resolve with the browser or
// node export conditions, terser) and reports minified and gzip bytes. Used by the size test and the benchmarks.
// Usage: node scripts/bundle-size.mjs [--target browser|node] [--pkg NAME] [--code] [--out DIR] "<named imports>" ...
//   --pkg NAME imports from another package (default @ssokit/client-sso-oidc).
//   --source CODE bundles CODE as the application's entry instead (the names are then only a label).
//   --out DIR writes the application's chunks to DIR (the entry is reported as `entry`), to run them.
//   e.g. node scripts/bundle-size.mjs "SSOOIDCClient, CreateTokenCommand"
import { rollup } from "rollup";
import nodeResolve from "@rollup/plugin-node-resolve";
import commonjs from "@rollup/plugin-commonjs";
import json from "@rollup/plugin-json";
import terser from "@rollup/plugin-terser";
import { builtinModules } from "node:module";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `import { <names> } from <pkg>` for a target; returns the entry chunk's { bytes, gzip, code } and `lazy` chunks. */
export async function bundleSize(names, { target = "browser", pkg = "@ssokit/client-sso-oidc", out, source = `export { ${names} } from ${JSON.stringify(pkg)};` } = {}) {
  const entry = "\0entry";
  const browser = target === "browser";
  const build = await rollup({
    input: entry,
    plugins: [
      { name: "entry", resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? source : null) },
      nodeResolve({ browser, exportConditions: browser ? ["browser"] : ["node"], preferBuiltins: !browser, rootDir: root }),
      commonjs(),
      json(),
    ],
    // The default credential chain is an optional peer dependency of the client, loaded on demand by the signed
    // operation: an application that installs it bundles it as chunks of its own, not part of what is measured here.
    external: (id) => id === "@aws-sdk/credential-provider-node" || (!browser && (id.startsWith("node:") || builtinModules.includes(id))),
    onwarn: () => {},
  });
  const options = { format: "es", plugins: [terser({ format: { comments: false } })] };
  const { output } = out ? await build.write({ ...options, dir: out }) : await build.generate(options);
  await build.close();
  // What an application loads up front is the entry chunk and the chunks it imports statically; chunks behind a
  // dynamic import (adaptive retry) load only when used and are reported apart.
  const chunks = new Map(output.filter((c) => c.type === "chunk").map((c) => [c.fileName, c]));
  const initial = new Set();
  const visit = (c) => {
    if (initial.has(c.fileName)) return;
    initial.add(c.fileName);
    for (const i of c.imports) if (chunks.has(i)) visit(chunks.get(i));
  };
  visit([...chunks.values()].find((c) => c.isEntry));
  const code = [...initial].map((f) => chunks.get(f).code).join("\n");
  const lazy = [...chunks.values()]
    .filter((c) => !initial.has(c.fileName))
    .map((c) => ({ name: c.name, bytes: Buffer.byteLength(c.code), gzip: gzipSync(c.code, { level: 9 }).length, code: c.code }));
  const entryFile = output.find((c) => c.type === "chunk" && c.isEntry).fileName;
  return { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, code, lazy, entry: entryFile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let target = "browser";
  let withCode = false;
  let out;
  let pkg;
  let source;
  const sets = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--target") target = args[++i];
    else if (args[i] === "--code") withCode = true;
    else if (args[i] === "--out") out = args[++i];
    else if (args[i] === "--pkg") pkg = args[++i];
    else if (args[i] === "--source") source = args[++i];
    else sets.push(args[i]);
  }
  const results = [];
  for (const names of sets) {
    const r = await bundleSize(names, { target, out, ...(pkg ? { pkg } : {}), ...(source ? { source } : {}) });
    const lazy = r.lazy.map(({ code, ...chunk }) => (withCode ? { ...chunk, code } : chunk));
    results.push({ names, target, bytes: r.bytes, gzip: r.gzip, lazy, ...(out ? { entry: r.entry } : {}), ...(withCode ? { code: r.code } : {}) });
  }
  console.log(JSON.stringify(results));
}
