// Preloaded (node --require) into a program whose modules the benchmark counts: every script V8 compiles is
// reported to the inspector, whatever loaded it (import, require, require of an ES module, a dynamic import), so
// this sees what the module loaders' own hooks miss. At exit it writes the files' URLs and the number of Node's
// built-in modules loaded to $BENCH_MODULES_OUT. Its own cost is not in any timing: counted runs are separate.
const { Session } = require("node:inspector");
const { writeFileSync } = require("node:fs");

const session = new Session();
session.connect();
const files = new Set();
session.on("Debugger.scriptParsed", ({ params }) => {
  if (params.url.startsWith("file:") && params.url !== require("node:url").pathToFileURL(__filename).href) files.add(params.url);
});
session.post("Debugger.enable");
process.on("exit", () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice("NativeModule ".length));
  writeFileSync(process.env.BENCH_MODULES_OUT, JSON.stringify({ files: [...files], builtins }));
});
