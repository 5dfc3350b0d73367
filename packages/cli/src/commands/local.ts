import { startLocalServer } from "@ssokit/sso-oidc-local";
import { describeError } from "../describeError";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { parseFlags } from "../parseFlags";
import { UsageError } from "../UsageError";

export const LOCAL_HELP = `Usage: sso-oidc local [--port N] [--host H] [--cors]

Runs a local SSO OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken and a verification page)
until Ctrl-C. Prints "listening on <url>" first; pass that URL to login as --endpoint.

  --port N   port to listen on, 0 for a free one (default: 0)
  --host H   address to bind (default: 127.0.0.1)
  --cors     let web pages of any origin call the operations (CORS), to test a browser app against it
  --help     this text`;

/** `sso-oidc local`: the local service, until the signal aborts. Returns the exit code. */
export async function local(args: string[], io: Io): Promise<number> {
  try {
    const flags = parseFlags("local", args, { port: { type: "string" }, host: { type: "string" }, cors: { type: "boolean" }, help: { type: "boolean" } } as const);
    if (flags.help) {
      io.stdout.write(`${LOCAL_HELP}\n`);
      return EXIT.OK;
    }
    const port = flags.port === undefined ? 0 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535; got ${JSON.stringify(flags.port)}.`);
    const server = await startLocalServer({ port, host: flags.host, cors: flags.cors });
    io.stdout.write(`listening on ${server.url}\n`);
    if (flags.host === "0.0.0.0" || flags.host === "::") {
      io.stderr.write(`warning: listening on every network interface: other machines can reach this test service. Verification links use ${new URL(server.verificationUri).origin}.\n`);
    }
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) return resolve();
      io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await server.close();
    return EXIT.OK;
  } catch (e) {
    const { exit, message } = describeError(e);
    io.stderr.write(`sso-oidc: ${message}\n`);
    return exit;
  }
}
