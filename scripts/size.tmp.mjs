import { rollup } from "rollup";
import resolve from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { minify } from "terser";
writeFileSync("/work/main/.entry.tmp.mjs", process.argv[2]);
const ext = process.argv[3] ? new RegExp(process.argv[3]) : null;
const b = await rollup({ input: "/work/main/.entry.tmp.mjs", external: (id) => ext ? ext.test(id) : false, plugins: [resolve({ browser: true, exportConditions: ["browser"] })], onwarn: () => {} });
const { output } = await b.generate({ format: "esm" });
const m = await minify(output[0].code, { module: true });
console.log("all min", m.code.length, "gz", gzipSync(m.code).length);
for (const [k, v] of Object.entries(output[0].modules)) {
  if (!v.code) continue;
  const mm = await minify(v.code, { module: true, compress: false, mangle: false }).catch(() => ({ code: v.code }));
  console.log(String(mm.code.length).padStart(6), String(gzipSync(mm.code).length).padStart(6), k.replace(/.*node_modules\//, "").replace("/work/main/packages/", ""));
}
