import { EXIT } from "./exitCodes";
import type { Io } from "./io";
import { VERSION } from "./version";

export const HELP = `Usage: sso-oidc <command> [flags]

Commands:
  login    sign in to AWS IAM Identity Center (a device code, or with --pkce the browser on this machine)
           and cache the token for the AWS CLI
  refresh  keep a cached token valid with its refresh token, without signing in again
  logout   remove a cached token
  status   list the AWS config's SSO sessions and the state of their cached tokens
  local    run a local SSO OIDC service to sign in against

Run sso-oidc <command> --help for the command's flags, sso-oidc --version for the version.`;

type Command = (args: string[], io: Io) => Promise<number>;

// Each command's code loads only when that command runs: `sso-oidc --help` reads none of it, and `status`
// (which only reads files) none of the sign-in code.
const COMMANDS: Record<string, () => Promise<Command>> = {
  login: () => import("./commands/login").then((m) => m.login),
  refresh: () => import("./commands/refresh").then((m) => m.refresh),
  logout: () => import("./commands/logout").then((m) => m.logout),
  status: () => import("./commands/status").then((m) => m.status),
  local: () => import("./commands/local").then((m) => m.local),
};

/** Runs the `sso-oidc` command line; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(`${HELP}\n`);
    return EXIT.OK;
  }
  if (command === "--version" || command === "-v") {
    io.stdout.write(`sso-oidc ${VERSION}\n`);
    return EXIT.OK;
  }
  const load = command === undefined ? undefined : COMMANDS[command];
  if (!load) {
    io.stderr.write(`sso-oidc: ${command === undefined ? "a command is required" : `unknown command ${JSON.stringify(command)}`}; the commands are login, refresh, logout, status and local.\n\n${HELP}\n`);
    return EXIT.USAGE;
  }
  return (await load())(rest, io);
}
