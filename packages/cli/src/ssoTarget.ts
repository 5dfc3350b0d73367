import type { CacheKey } from "@ssokit/sso-login/cache";
import { isSsoConfigError, readSsoConfig, type SsoConfig } from "@ssokit/sso-login/config";
import type { Io } from "./io";
import { urlFlag } from "./parseFlags";
import { UsageError } from "./UsageError";

/** The flags that say which SSO session a command is about; every command that touches the cache takes them. */
export const TARGET_FLAGS = {
  profile: { type: "string" },
  "sso-session": { type: "string" },
  "session-name": { type: "string" },
  "start-url": { type: "string" },
} as const;

export interface TargetFlags {
  profile?: string;
  "sso-session"?: string;
  "session-name"?: string;
  "start-url"?: string;
  region?: string;
}

/**
 * The settings of `--profile` or `--sso-session` from the AWS config file (`AWS_CONFIG_FILE`, else
 * ~/.aws/config); when no flag names a session at all, of `AWS_PROFILE`, else of the default profile if it is an
 * SSO one. Undefined when the flags name the session themselves (or nothing does). Naming it both ways is a
 * UsageError: the two could disagree.
 */
async function fromConfig(command: string, flags: TargetFlags, env: Io["env"]): Promise<SsoConfig | undefined> {
  const byConfig = flags.profile !== undefined || flags["sso-session"] !== undefined;
  const byFlags = (["start-url", "session-name", "region"] as const).filter((f) => flags[f] !== undefined);
  if (byConfig && byFlags.length) {
    throw new UsageError(`${command}: --profile and --sso-session take the start URL, region and session name from the AWS config; leave out ${byFlags.map((f) => `--${f}`).join(", ")}.`);
  }
  if (byFlags.length) return undefined;
  const configFile = env.AWS_CONFIG_FILE || undefined;
  if (byConfig || env.AWS_PROFILE) return readSsoConfig({ profile: flags.profile ?? (flags["sso-session"] === undefined ? env.AWS_PROFILE : undefined), ssoSession: flags["sso-session"], configFile });
  // Nothing named at all: the default profile, as the AWS CLI takes it, when it is an SSO profile; else the
  // command asks for flags (a missing [default] says less than the list of what to give).
  return readSsoConfig({ profile: "default", configFile }).catch((e) => {
    if (isSsoConfigError(e) && (e.code === "ProfileNotFound" || e.code === "NotAnSsoProfile")) return undefined;
    throw e;
  });
}

/** Where `login` signs in: from the AWS config (see {@link fromConfig}), else from --start-url, --region and --session-name. */
export async function loginTarget(flags: TargetFlags, env: Io["env"]): Promise<{ startUrl: string; region: string; sessionName?: string; scopes?: string[] }> {
  const config = await fromConfig("login", flags, env);
  if (config) return config;
  if (!flags["start-url"]) throw new UsageError("login: give --start-url and --region, or --profile or --sso-session to read them from the AWS config.");
  if (!flags.region) throw new UsageError("login: --region is required with --start-url (the IAM Identity Center region, such as us-east-1).");
  return { startUrl: urlFlag("start-url", flags["start-url"]), region: flags.region, sessionName: flags["session-name"] };
}

/**
 * Which cached token `refresh` and `logout` work on: the session of `--profile` / `--sso-session` (or of
 * `AWS_PROFILE`), else exactly one of `--session-name` and `--start-url`, with `--cache-dir`.
 */
export async function cacheKey(command: string, flags: TargetFlags & { "cache-dir"?: string }, env: Io["env"]): Promise<CacheKey> {
  const config = await fromConfig(command, flags, env);
  // cacheFile takes the session name first; a legacy profile has none, and its token is under its start URL.
  if (config) return { sessionName: config.sessionName, startUrl: config.startUrl, cacheDir: flags["cache-dir"] };
  const sessionName = flags["session-name"];
  const startUrl = flags["start-url"] === undefined ? undefined : urlFlag("start-url", flags["start-url"]);
  if (!sessionName === !startUrl) throw new UsageError(`${command}: give --profile or --sso-session, or exactly one of --session-name or --start-url.`);
  return { sessionName, startUrl, cacheDir: flags["cache-dir"] };
}
