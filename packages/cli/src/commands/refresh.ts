import { getCachedToken, isLoginRequiredError, REFRESH_WINDOW, TokenCacheError } from "@ssokit/sso-login";
import { describeError } from "../describeError";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { parseFlags, urlFlag } from "../parseFlags";
import { cacheKey, TARGET_FLAGS } from "../ssoTarget";

export const REFRESH_HELP = `Usage: sso-oidc refresh (--profile NAME | --sso-session NAME | --session-name NAME | --start-url URL) [flags]

Keeps a cached token valid without signing in again: when it expires within ${REFRESH_WINDOW / 60_000} minutes (or with --force), gets
a new one with its refresh token and saves it where the AWS CLI reads it. Prints when the token expires, never
the token.

  --profile NAME       the SSO session of this profile of the AWS config (with no flag naming a session:
                       AWS_PROFILE, else [default] if it is an SSO profile)
  --sso-session NAME   the SSO session of this [sso-session NAME] section of the AWS config
  --session-name NAME  the SSO session name used at login
  --start-url URL      the start URL used at login without a session name
  --endpoint URL       an SSO OIDC endpoint to use instead of the token's region's
  --cache-dir DIR      where the token is (default: ~/.aws/sso/cache)
  --force              refresh even a token that is not due
  --json               print one JSON result on stdout
  --help               this text

Exit codes: 0 valid token, 2 bad arguments, 5 network, 6 service error, 7 cache error, 8 sign in again
(no token, or one that cannot be refreshed), 130 interrupted.`;

const FLAGS = {
  ...TARGET_FLAGS,
  endpoint: { type: "string" },
  "cache-dir": { type: "string" },
  force: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean" },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof FLAGS>>;

/** The `sso-oidc login` that signs in to the session this refresh was about, with the flags it needs. */
function loginCommand(flags: Flags, env: Io["env"]): string {
  const target =
    flags.profile !== undefined ? ["--profile", flags.profile]
    : flags["sso-session"] !== undefined ? ["--sso-session", flags["sso-session"]]
    : flags["start-url"] !== undefined ? ["--start-url", flags["start-url"], "--region", "REGION", ...(flags["session-name"] ? ["--session-name", flags["session-name"]] : [])]
    : flags["session-name"] !== undefined ? ["--start-url", "URL", "--region", "REGION", "--session-name", flags["session-name"]]
    : ["--profile", env.AWS_PROFILE || "default"];
  const more = [flags.endpoint === undefined ? [] : ["--endpoint", flags.endpoint], flags["cache-dir"] === undefined ? [] : ["--cache-dir", flags["cache-dir"]]].flat();
  return ["sso-oidc", "login", ...target, ...more].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(" ");
}

/** `sso-oidc refresh`: a valid cached token, refreshed when due. Returns the exit code. */
export async function refresh(args: string[], io: Io): Promise<number> {
  const json = args.includes("--json");
  let flags: Flags | undefined;
  try {
    flags = parseFlags("refresh", args, FLAGS);
    if (flags.help) {
      io.stdout.write(`${REFRESH_HELP}\n`);
      return EXIT.OK;
    }
    const key = await cacheKey("refresh", flags, io.env);
    const endpoint = flags.endpoint === undefined ? undefined : urlFlag("endpoint", flags.endpoint);
    const result = await getCachedToken({ ...key, endpoint, force: flags.force, signal: io.signal });
    // Refreshed but not saved: this process ends, and the new token with it, while the file keeps a refresh token
    // the service has used up. Say where it could not write, as a cache error.
    if (result.saveError) {
      throw new TokenCacheError("CacheWriteFailed", result.saveError.file, `The token was refreshed, but ${result.saveError.message.replace(/^The token/, "it")} Make that directory writable, then sign in again (sso-oidc login): the cached refresh token is used up.`, { cause: result.saveError });
    }
    const expiresAt = result.token.expiresAt;
    if (json) {
      const failed = result.refreshError === undefined ? {} : { refreshError: describeError(result.refreshError).message };
      io.stdout.write(`${JSON.stringify({ ok: true, refreshed: result.refreshed, expiresAt, cacheFile: result.file, ...failed })}\n`);
    } else {
      const minutes = Math.max(0, Math.round((result.expiresAt.getTime() - Date.now()) / 60_000));
      const how = result.refreshed ? "Refreshed" : "No refresh needed";
      if (result.refreshError !== undefined) io.stderr.write(`warning: the refresh failed (${describeError(result.refreshError).message}); the current token still works.\n`);
      io.stdout.write(`${result.refreshError === undefined ? how : "Not refreshed"}. The token is valid until ${expiresAt} (${minutes} min).\n`);
    }
    return EXIT.OK;
  } catch (e) {
    const { exit, code, message } = describeError(e);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, code, message })}\n`);
    else io.stderr.write(`sso-oidc: ${message}\n`);
    if (exit === EXIT.USAGE && !json) io.stderr.write("Run sso-oidc refresh --help for the flags.\n");
    if (isLoginRequiredError(e) && flags && !json) io.stderr.write(`Sign in with: ${loginCommand(flags, io.env)}\n`);
    return exit;
  }
}
