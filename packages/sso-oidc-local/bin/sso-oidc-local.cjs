#!/usr/bin/env node
// The `sso-oidc-local` command. Its code is built into dist/; this file exists before the build so that `npm ci` in a
// clone links the command, and a clone installed without the build says what to run instead of a stack trace.
const built = require("node:path").join(__dirname, "../dist/bin.cjs");
if (require("node:fs").existsSync(built)) {
  require(built);
} else {
  process.stderr.write(`sso-oidc-local: ${built} is missing; run npm run build in the repository first.\n`);
  process.exitCode = 1;
}
