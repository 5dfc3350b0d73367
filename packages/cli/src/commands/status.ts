import { cacheFile, isTokenCacheError, readCachedToken, refreshObstacle, REFRESH_WINDOW } from "@ssokit/sso-login/cache";
import { defaultConfigFile, listSsoSessions, type ConfiguredSsoSession } from "@ssokit/sso-login/config";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { parseFlags } from "../parseFlags";

export const STATUS_HELP = `Usage: sso-oidc status [--cache-dir DIR] [--json]

Lists the SSO sessions of the AWS config (AWS_CONFIG_FILE, else ~/.aws/config), each with the profiles that use
it, and the state of its cached token: none, valid (for how long), or expired, and whether it can be refreshed
without signing in again. Reads only; never prints a token.

  --cache-dir DIR  where the tokens are (default: ~/.aws/sso/cache)
  --json           print one JSON result on stdout
  --help           this text

Exit codes: 0 listed (whatever the tokens' state), 2 bad arguments or AWS config.`;

type TokenState = "none" | "valid" | "expired" | "unreadable";

export interface SessionStatus extends ConfiguredSsoSession {
  cacheFile: string;
  token: TokenState;
  expiresAt?: string;
  /** Whether `refresh` can renew it: a refresh token and a client registration that has not expired. */
  refreshable?: boolean;
}

async function statusOf(session: ConfiguredSsoSession, cacheDir: string | undefined, now: number): Promise<SessionStatus> {
  const file = cacheFile({ sessionName: session.sessionName, startUrl: session.startUrl, cacheDir });
  try {
    const token = await readCachedToken(file);
    if (!token) return { ...session, cacheFile: file, token: "none" };
    const at = Date.parse(token.expiresAt);
    return { ...session, cacheFile: file, token: at > now ? "valid" : "expired", expiresAt: token.expiresAt, refreshable: !refreshObstacle(token, now) };
  } catch (e) {
    if (!isTokenCacheError(e)) throw e;
    return { ...session, cacheFile: file, token: "unreadable" };
  }
}

/** One line about the token, with what to run when something is to be done. */
function describe(s: SessionStatus, now: number): string {
  const target = s.sessionName ? `--sso-session ${s.sessionName}` : `--profile ${s.profiles[0]}`;
  const left = s.expiresAt ? Math.round((Date.parse(s.expiresAt) - now) / 60_000) : 0;
  switch (s.token) {
    case "none":
      return `no cached token; sign in with: sso-oidc login ${target}`;
    case "unreadable":
      return `the cache file is not a token; sign in again with: sso-oidc login ${target}`;
    case "valid": {
      const due = Date.parse(s.expiresAt!) - now <= REFRESH_WINDOW && s.refreshable ? `; due, renew with: sso-oidc refresh ${target}` : "";
      return `valid for ${left} min (until ${s.expiresAt}), ${s.refreshable ? "refreshable" : "not refreshable"}${due}`;
    }
    case "expired":
      return s.refreshable
        ? `expired at ${s.expiresAt}; renew with: sso-oidc refresh ${target}`
        : `expired at ${s.expiresAt}, not refreshable; sign in with: sso-oidc login ${target}`;
  }
}

/** `sso-oidc status`: the AWS config's SSO sessions and their cached tokens. Returns the exit code. */
export async function status(args: string[], io: Io): Promise<number> {
  const json = args.includes("--json");
  try {
    const flags = parseFlags("status", args, { "cache-dir": { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } } as const);
    if (flags.help) {
      io.stdout.write(`${STATUS_HELP}\n`);
      return EXIT.OK;
    }
    const configFile = io.env.AWS_CONFIG_FILE || defaultConfigFile();
    const now = Date.now();
    const sessions = await Promise.all((await listSsoSessions({ configFile })).map((s) => statusOf(s, flags["cache-dir"], now)));
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: true, configFile, sessions })}\n`);
      return EXIT.OK;
    }
    if (!sessions.length) {
      io.stdout.write(`No SSO sessions in ${configFile}. Add an [sso-session] section, or sign in with sso-oidc login --start-url URL --region REGION.\n`);
      return EXIT.OK;
    }
    const lines = sessions.map((s) => {
      const name = s.sessionName ? `sso-session ${s.sessionName}` : "legacy profiles";
      const profiles = s.profiles.length ? ` (profiles: ${s.profiles.join(", ")})` : " (no profile uses it)";
      return `${name}${profiles}\n  ${s.startUrl}, ${s.region}\n  ${describe(s, now)}\n`;
    });
    io.stdout.write(`SSO sessions in ${configFile}:\n\n${lines.join("\n")}`);
    return EXIT.OK;
  } catch (e) {
    // Only a failure needs the error descriptions (and the sign-in code whose errors they describe).
    const { exit, code, message } = (await import("../describeError")).describeError(e);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, code, message })}\n`);
    else io.stderr.write(`sso-oidc: ${message}\n`);
    if (exit === EXIT.USAGE && !json) io.stderr.write("Run sso-oidc status --help for the flags.\n");
    return exit;
  }
}
