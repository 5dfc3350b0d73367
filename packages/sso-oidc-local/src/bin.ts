import { parseArgs } from "node:util";
import { LOCAL_FLAG_SPEC, localOptions, startupMessages, type LocalConfig } from "./readLocalConfig";
import { startLocalServer } from "./startLocalServer";

const USAGE = `Usage: sso-oidc-local [--port N] [--host H] [--cors] [--config FILE] [--region R] [--iam-credentials-from-env]

Runs a local AWS SSO OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken, the signed
CreateTokenWithIAM, and the verification and sign-in pages) until SIGINT or SIGTERM. Prints "listening on <url>"
first.

  --port N                    port to listen on, 0 for a free one (default 0)
  --host H                    address to bind (default 127.0.0.1)
  --cors                      let web pages of any origin call the operations (CORS), for testing browser apps
  --config FILE               a JSON file of options: applications, trustedTokenIssuers, users, iamCredentials,
                              region, lifetimes and limits (see the README); flags override it
  --region R                  the region CreateTokenWithIAM answers for (default us-east-1)
  --iam-credentials-from-env  accept signatures by AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN)
                              of this environment, as an application run beside it signs
  --help                      this text`;

async function main(argv: string[]): Promise<number> {
  let values: { port?: string; host?: string; cors?: boolean; config?: string; region?: string; "iam-credentials-from-env"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: LOCAL_FLAG_SPEC,
      strict: true,
    }));
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
  let options: LocalConfig;
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  try {
    options = localOptions({ port: values.port === undefined ? undefined : port, host: values.host, cors: values.cors, config: values.config, region: values.region, iamCredentialsFromEnv: values["iam-credentials-from-env"] }, process.env);
    server = await startLocalServer(options);
  } catch (e) {
    // A config the service refuses (TypeError) is a usage error, as a bad flag is.
    process.stderr.write(`sso-oidc-local: ${(e as Error).message}\n`);
    return e instanceof TypeError || !(e as NodeJS.ErrnoException).code ? 2 : 1;
  }
  const { lines, warning } = startupMessages(options, server);
  for (const line of lines) process.stdout.write(`${line}\n`);
  if (warning) process.stderr.write(`${warning}\n`);
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
