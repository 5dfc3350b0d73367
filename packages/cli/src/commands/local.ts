import { LOCAL_FLAG_SPEC, localOptions, startLocalServer, startupMessages } from "@ssokit/sso-oidc-local";
import { describeError } from "../describeError";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { parseFlags } from "../parseFlags";
import { UsageError } from "../UsageError";

export const LOCAL_HELP = `Usage: sso-oidc local [--port N] [--host H] [--cors] [--config FILE] [--region R] [--iam-credentials-from-env]

Runs a local SSO OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken, the signed
CreateTokenWithIAM, and the verification and sign-in pages) until Ctrl-C. Prints "listening on <url>" first; pass
that URL to login as --endpoint, or to an application as its SSO OIDC endpoint.

  --port N                    port to listen on, 0 for a free one (default: 0)
  --host H                    address to bind (default: 127.0.0.1)
  --cors                      let web pages of any origin call the operations (CORS), to test a browser app against it
  --config FILE               a JSON file of options: applications, trustedTokenIssuers, users, iamCredentials,
                              region, lifetimes and limits (see @ssokit/sso-oidc-local's README); flags override it
  --region R                  the region CreateTokenWithIAM answers for (default: us-east-1)
  --iam-credentials-from-env  accept signatures by AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN)
                              of this environment, as an application run beside it signs
  --help                      this text`;

/** `sso-oidc local`: the local service, until the signal aborts. Returns the exit code. */
export async function local(args: string[], io: Io): Promise<number> {
  try {
    const flags = parseFlags("local", args, LOCAL_FLAG_SPEC);
    if (flags.help) {
      io.stdout.write(`${LOCAL_HELP}\n`);
      return EXIT.OK;
    }
    const port = flags.port === undefined ? 0 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535; got ${JSON.stringify(flags.port)}.`);
    let options;
    try {
      options = localOptions({ port: flags.port === undefined ? undefined : port, host: flags.host, cors: flags.cors, config: flags.config, region: flags.region, iamCredentialsFromEnv: flags["iam-credentials-from-env"] }, process.env);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const server = await startLocalServer(options).catch((e: Error) => {
      // Options the service refuses (a TypeError that names the option) are the user's to fix, as a bad flag is.
      throw e instanceof TypeError ? new UsageError(e.message) : e;
    });
    const { lines, warning } = startupMessages(options, server);
    for (const line of lines) io.stdout.write(`${line}\n`);
    if (warning) io.stderr.write(`${warning}\n`);
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) return resolve();
      io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await server.close();
    return EXIT.OK;
  } catch (e) {
    const { exit, message } = describeError(e);
    io.stderr.write(`sso-oidc: ${message}\n`);
    if (exit === EXIT.USAGE) io.stderr.write("Run sso-oidc local --help for the flags.\n");
    return exit;
  }
}
