import { local, LOCAL_HELP } from "./commands/local";
import { login, LOGIN_HELP } from "./commands/login";
import { logout, LOGOUT_HELP } from "./commands/logout";
import { refresh, REFRESH_HELP } from "./commands/refresh";
import { status, STATUS_HELP } from "./commands/status";
import { EXIT } from "./exitCodes";
import type { Io } from "./io";

export const HELP = `Usage: sso-oidc <command> [flags]

Commands:
  login    sign in to AWS IAM Identity Center (device login) and cache the token for the AWS CLI
  refresh  keep a cached token valid with its refresh token, without signing in again
  logout   remove a cached token
  status   list the AWS config's SSO sessions and the state of their cached tokens
  local    run a local SSO OIDC service to sign in against

Run sso-oidc <command> --help for the command's flags.`;

const COMMANDS: Record<string, { run: (args: string[], io: Io) => Promise<number>; help: string }> = {
  login: { run: login, help: LOGIN_HELP },
  refresh: { run: refresh, help: REFRESH_HELP },
  logout: { run: logout, help: LOGOUT_HELP },
  status: { run: status, help: STATUS_HELP },
  local: { run: local, help: LOCAL_HELP },
};

/** Runs the `sso-oidc` command line; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(`${HELP}\n`);
    return EXIT.OK;
  }
  const entry = command === undefined ? undefined : COMMANDS[command];
  if (!entry) {
    io.stderr.write(`sso-oidc: ${command === undefined ? "a command is required" : `unknown command ${JSON.stringify(command)}`}; the commands are login, refresh, logout, status and local.\n\n${HELP}\n`);
    return EXIT.USAGE;
  }
  return entry.run(rest, io);
}
