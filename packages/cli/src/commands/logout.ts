import { cacheFile, removeCachedToken } from "@ssokit/sso-login/cache";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { parseFlags } from "../parseFlags";
import { cacheKey, TARGET_FLAGS } from "../ssoTarget";

export const LOGOUT_HELP = `Usage: sso-oidc logout (--profile NAME | --sso-session NAME | --session-name NAME | --start-url URL) [--cache-dir DIR]

Removes the cached token of an SSO session (or of a start URL, for a session without a name).

  --profile NAME       the SSO session of this profile of the AWS config (with no flag naming a session:
                       AWS_PROFILE, else [default] if it is an SSO profile)
  --sso-session NAME   the SSO session of this [sso-session NAME] section of the AWS config
  --session-name NAME  the SSO session name used at login
  --start-url URL      the start URL used at login without a session name
  --cache-dir DIR      where the token is (default: ~/.aws/sso/cache)
  --help               this text`;

/** `sso-oidc logout`: removes a cached token. Returns the exit code. */
export async function logout(args: string[], io: Io): Promise<number> {
  try {
    const flags = parseFlags("logout", args, {
      ...TARGET_FLAGS,
      "cache-dir": { type: "string" },
      help: { type: "boolean" },
    } as const);
    if (flags.help) {
      io.stdout.write(`${LOGOUT_HELP}\n`);
      return EXIT.OK;
    }
    const file = cacheFile(await cacheKey("logout", flags, io.env));
    io.stdout.write((await removeCachedToken(file)) ? `Removed the cached token ${file}.\n` : `No cached token at ${file}; nothing to do.\n`);
    return EXIT.OK;
  } catch (e) {
    // Only a failure needs the error descriptions (and the sign-in code whose errors they describe).
    const { exit, message } = (await import("../describeError")).describeError(e);
    io.stderr.write(`sso-oidc: ${message}\n`);
    if (exit === EXIT.USAGE) io.stderr.write("Run sso-oidc logout --help for the flags.\n");
    return exit;
  }
}
