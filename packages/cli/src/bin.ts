import { main } from "./main";

// Ctrl-C (or SIGTERM) aborts what is running, which then ends cleanly; a second Ctrl-C ends at once.
const controller = new AbortController();
const stop = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  },
  (e) => {
    process.stderr.write(`sso-oidc: ${(e as Error)?.message ?? e}\n`);
    process.exitCode = 1;
  },
);
