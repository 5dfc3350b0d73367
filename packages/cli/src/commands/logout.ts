import { cacheFile, removeCachedToken } from "@ssokit/sso-login/cache";
import { describeError } from "../describeError";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { cacheKeyFlags, parseFlags } from "../parseFlags";

export const LOGOUT_HELP = `Usage: sso-oidc logout (--session-name NAME | --start-url URL) [--cache-dir DIR]

Removes the cached token of an SSO session (or of a start URL, for a session without a name).

  --session-name NAME  the SSO session name used at login
  --start-url URL      the start URL used at login without a session name
  --cache-dir DIR      where the token is (default: ~/.aws/sso/cache)
  --help               this text`;

/** `sso-oidc logout`: removes a cached token. Returns the exit code. */
export async function logout(args: string[], io: Io): Promise<number> {
  try {
    const flags = parseFlags("logout", args, {
      "session-name": { type: "string" },
      "start-url": { type: "string" },
      "cache-dir": { type: "string" },
      help: { type: "boolean" },
    } as const);
    if (flags.help) {
      io.stdout.write(`${LOGOUT_HELP}\n`);
      return EXIT.OK;
    }
    const file = cacheFile(cacheKeyFlags("logout", flags));
    io.stdout.write((await removeCachedToken(file)) ? `Removed the cached token ${file}.\n` : `No cached token at ${file}; nothing to do.\n`);
    return EXIT.OK;
  } catch (e) {
    const { exit, message } = describeError(e);
    io.stderr.write(`sso-oidc: ${message}\n`);
    return exit;
  }
}
