// Bundles an import of the built client the way an application would (rollup, node-resolve with the browser or
// node export conditions, terser) and reports minified and gzip bytes. Used by the size test and the benchmarks.
// Usage: node scripts/bundle-size.mjs [--target browser|node] [--code] "<named imports>" ...
//   e.g. node scripts/bundle-size.mjs "SSOOIDCClient, CreateTokenCommand"
import { rollup } from "rollup";
import nodeResolve from "@rollup/plugin-node-resolve";
import commonjs from "@rollup/plugin-commonjs";
import terser from "@rollup/plugin-terser";
import { builtinModules } from "node:module";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `import { <names> } from <pkg>` for a target; returns { bytes, gzip, code }. */
export async function bundleSize(names, { target = "browser", pkg = "@ssokit/client-sso-oidc" } = {}) {
  const entry = "\0entry";
  const source = `export { ${names} } from ${JSON.stringify(pkg)};`;
  const browser = target === "browser";
  const build = await rollup({
    input: entry,
    plugins: [
      { name: "entry", resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? source : null) },
      nodeResolve({ browser, exportConditions: browser ? ["browser"] : ["node"], preferBuiltins: !browser, rootDir: root }),
      commonjs(),
    ],
    external: (id) => !browser && (id.startsWith("node:") || builtinModules.includes(id)),
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: "es", plugins: [terser({ format: { comments: false } })] });
  await build.close();
  const code = output.filter((c) => c.type === "chunk").map((c) => c.code).join("\n");
  return { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, code };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let target = "browser";
  let withCode = false;
  const sets = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--target") target = args[++i];
    else if (args[i] === "--code") withCode = true;
    else sets.push(args[i]);
  }
  const results = [];
  for (const names of sets) {
    const r = await bundleSize(names, { target });
    results.push({ names, target, bytes: r.bytes, gzip: r.gzip, ...(withCode ? { code: r.code } : {}) });
  }
  console.log(JSON.stringify(results));
}
