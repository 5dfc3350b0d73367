import { parseArgs } from "node:util";
import { startLocalServer } from "./startLocalServer";

const USAGE = `Usage: sso-oidc-local [--port N] [--host H] [--cors]

Runs a local AWS SSO OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken, and a verification
page) until SIGINT or SIGTERM. Prints "listening on <url>" first.

  --port N   port to listen on, 0 for a free one (default 0)
  --host H   address to bind (default 127.0.0.1)
  --cors     let web pages of any origin call the operations (CORS), for testing browser apps
  --help     this text`;

async function main(argv: string[]): Promise<number> {
  let values: { port?: string; host?: string; cors?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: "string" }, host: { type: "string" }, cors: { type: "boolean" }, help: { type: "boolean" } }, strict: true }));
  } catch (e) {
    process.stderr.write(`sso-oidc-local: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`sso-oidc-local: --port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}\n`);
    return 2;
  }
  const server = await startLocalServer({ port, host: values.host, cors: values.cors });
  process.stdout.write(`listening on ${server.url}\n`);
  if (values.host === "0.0.0.0" || values.host === "::") {
    process.stderr.write(`warning: listening on every network interface: other machines can reach this test service. Verification links use ${new URL(server.verificationUri).origin}.\n`);
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`sso-oidc-local: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
