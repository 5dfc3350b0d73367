// Lints the packed tarball of every package as a registry user would get it: publint (the package.json against the
// files it ships) and @arethetypeswrong/cli (the types of every entry under moduleResolution node10, node16 from
// CommonJS and from ES modules, and bundler). Prints the tarballs and every message, by package, as JSON
// ({ tarballs, reports }); the packaging test (scripts/test/tarballs.test.ts) fails on any that it does not list
// with a reason.
// Usage: node scripts/checkPackages.mjs
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { packAll } from "./pack.mjs";
import { root } from "./packages.mjs";

const run = promisify(execFile);
const attw = join(root, "node_modules/.bin/attw");

async function check(name, tarball) {
  const bytes = readFileSync(tarball);
  const lint = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: "suggestion" });
  // attw exits 1 when it finds a problem; its JSON report is on stdout either way. --no-definitely-typed: the
  // packages ship their types, and nothing is fetched.
  const { stdout } = await run(attw, [tarball, "--format", "json", "--no-definitely-typed"], { cwd: dirname(tarball), maxBuffer: 64 << 20 }).catch((e) => e);
  const types = JSON.parse(stdout);
  return {
    name,
    publint: lint.messages.map((m) => ({ level: m.type, code: m.code, message: formatMessage(m, lint.pkg, { color: false }) })),
    attw: types.analysis.problems,
    entrypoints: Object.keys(types.analysis.entrypoints),
  };
}

const { tarballs } = packAll();
const results = [];
// Two at a time: each attw run starts its own TypeScript.
const queue = Object.entries(tarballs);
await Promise.all([0, 1].map(async () => {
  for (let next = queue.shift(); next; next = queue.shift()) results.push(await check(...next));
}));
results.sort((a, b) => Object.keys(tarballs).indexOf(a.name) - Object.keys(tarballs).indexOf(b.name));
console.log(JSON.stringify({ tarballs, reports: results }, null, 2));
