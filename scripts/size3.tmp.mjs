// per-source-module contribution, using a preserveModules build from src (not dist)
import { rollup } from "rollup";
import nodeResolve from "@rollup/plugin-node-resolve";
import swc from "@rollup/plugin-swc";
import { minify } from "terser";
import { gzipSync } from "node:zlib";
const alias = { name: "alias", resolveId(id) { const m = id.match(/^@ssokit\/(.*)$/); if (m) return `/work/main/packages/${m[1]}/src/index.ts`; if (id.endsWith("/runtimeConfig")) return this.resolve(id + ".browser", arguments[1], { skipSelf: true }); return null; } };
const b = await rollup({ input: "/work/main/packages/client-sso-oidc/src/index.ts", plugins: [alias, nodeResolve({ browser: true, exportConditions: ["browser"], extensions: [".ts", ".mjs", ".js"] }), swc({ swc: { jsc: { target: "es2020", parser: { syntax: "typescript" }, transform: { useDefineForClassFields: false } } } })], treeshake: true, onwarn: () => {} });
const entry = `export { SSOOIDCClient, CreateTokenCommand } from "/work/main/packages/client-sso-oidc/src/index.ts";`;
const b2 = await rollup({ input: "\0e", plugins: [{ name: "e", resolveId: (i) => (i === "\0e" ? i : null), load: (i) => (i === "\0e" ? entry : null) }, alias, nodeResolve({ browser: true, exportConditions: ["browser"], extensions: [".ts", ".mjs", ".js"] }), swc({ swc: { jsc: { target: "es2020", parser: { syntax: "typescript" }, transform: { useDefineForClassFields: false } } } })], onwarn: () => {} });
const { output } = await b2.generate({ format: "es" });
const rows = [];
for (const [k, v] of Object.entries(output[0].modules)) {
  if (!v.code) continue;
  const m = await minify(v.code, { module: true, compress: true, mangle: true }).catch(() => ({ code: v.code }));
  rows.push([m.code.length, gzipSync(m.code).length, k.replace(/.*node_modules\//, "").replace("/work/main/packages/", "")]);
}
rows.sort((a, b) => b[0] - a[0]);
let t = 0, g = 0; for (const r of rows) { t += r[0]; g += r[1]; console.log(String(r[0]).padStart(6), String(r[1]).padStart(6), r[2]); }
console.log(t, g);
