import { CONFIG_PREFIX_SEPARATOR, loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { homedir } from "node:os";
import { join } from "node:path";
import { SsoConfigError } from "./errors/SsoConfigError";

export interface SsoConfigOptions {
  /**
   * The profile whose SSO settings to use: one with `sso_session` (an `[sso-session]` section), or a legacy one
   * with `sso_start_url` and `sso_region` of its own. @default `AWS_PROFILE`, else `default` (when `ssoSession` is not given)
   */
  profile?: string;
  /** An `[sso-session NAME]` section to use directly, instead of a profile. @default none */
  ssoSession?: string;
  /** The AWS config file. @default `AWS_CONFIG_FILE`, else `~/.aws/config` */
  configFile?: string;
}

/** What the AWS config file says about signing in, as the AWS CLI reads it. */
export interface SsoConfig {
  /** The `sso-session` name: the token cache file is named after it. Undefined for a legacy profile, whose cache file is named after the start URL. */
  sessionName?: string;
  startUrl: string;
  region: string;
  /** `sso_registration_scopes`, split at commas; undefined when not set. */
  scopes?: string[];
  /** The profile read, when one was. */
  profile?: string;
  /** `sso_account_id` and `sso_role_name` of the profile, when set. */
  accountId?: string;
  roleName?: string;
  /** The file read. */
  configFile: string;
}

/** The config file the AWS CLI reads: `AWS_CONFIG_FILE`, else `~/.aws/config`. */
export const defaultConfigFile = (): string => process.env.AWS_CONFIG_FILE || join(homedir(), ".aws", "config");

/** The key under which the loader keeps an `[sso-session NAME]` section, beside the profiles. */
const SESSION_PREFIX = `sso-session${CONFIG_PREFIX_SEPARATOR}`;

/**
 * Every section of the config file, read afresh (the loader caches by path unless told not to). The credentials
 * file never holds SSO settings: its reader is pointed at the config file too rather than at another file.
 */
const sectionsOf = async (configFile: string) =>
  (await loadSharedConfigFiles({ configFilepath: configFile, filepath: configFile, ignoreCache: true })).configFile;

const scopesOf = (value: string | undefined) => {
  const scopes = value?.split(",").map((s) => s.trim()).filter(Boolean);
  return scopes?.length ? scopes : undefined;
};

/**
 * Reads the SSO settings of a profile or an `sso-session` from the AWS config file, with the AWS CLI's rules: a
 * profile's `sso_session` names the section that holds `sso_start_url` and `sso_region`; a profile that repeats
 * either must agree with its session; a legacy profile holds them itself. The file is read afresh on every call.
 * Throws {@link SsoConfigError} when the file does not say enough.
 */
export async function readSsoConfig(options: SsoConfigOptions = {}): Promise<SsoConfig> {
  const configFile = options.configFile ?? defaultConfigFile();
  const sections = await sectionsOf(configFile);
  const fail = (code: ConstructorParameters<typeof SsoConfigError>[0], message: string) => new SsoConfigError(code, configFile, `${message} (in ${configFile}).`);

  const fromSession = (name: string, required: string) => {
    const session = sections[SESSION_PREFIX + name];
    if (!session) throw fail("SsoSessionNotFound", `There is no [sso-session ${name}] section${required}; add one with sso_start_url and sso_region`);
    for (const key of ["sso_start_url", "sso_region"]) {
      if (!session[key]) throw fail("MissingSetting", `[sso-session ${name}] has no ${key}; add it`);
    }
    return { sessionName: name, startUrl: session.sso_start_url!, region: session.sso_region!, scopes: scopesOf(session.sso_registration_scopes) };
  };

  if (options.ssoSession !== undefined && options.profile === undefined) return { ...fromSession(options.ssoSession, ""), configFile };

  const profileName = options.profile ?? (process.env.AWS_PROFILE || "default");
  const profile = sections[profileName];
  const section = profileName === "default" ? "[default]" : `[profile ${profileName}]`;
  if (!profile) throw fail("ProfileNotFound", `There is no ${section} section; add it, or name another profile`);
  const extras = { profile: profileName, accountId: profile.sso_account_id, roleName: profile.sso_role_name, configFile };

  if (options.ssoSession !== undefined && options.ssoSession !== profile.sso_session) {
    throw fail("ConflictingSettings", `${section} ${profile.sso_session ? `uses sso_session ${profile.sso_session}` : "has no sso_session"}, not ${options.ssoSession}; name only one of them`);
  }
  if (profile.sso_session) {
    const session = fromSession(profile.sso_session, `, which ${section} names in sso_session`);
    for (const [key, value] of [["sso_start_url", session.startUrl], ["sso_region", session.region]]) {
      if (profile[key] !== undefined && profile[key] !== value) {
        throw fail("ConflictingSettings", `${section} sets ${key} to ${profile[key]}, but its [sso-session ${session.sessionName}] says ${value}; remove it from the profile`);
      }
    }
    return { ...session, ...extras };
  }
  if (!profile.sso_start_url && !profile.sso_region) {
    throw fail("NotAnSsoProfile", `${section} has no SSO settings; give it sso_session (or sso_start_url and sso_region)`);
  }
  for (const key of ["sso_start_url", "sso_region"]) {
    if (!profile[key]) throw fail("MissingSetting", `${section} has no ${key}; add it, or use sso_session`);
  }
  return { startUrl: profile.sso_start_url!, region: profile.sso_region!, scopes: undefined, ...extras };
}

/** An SSO session the AWS config describes, with the profiles that use it. */
export interface ConfiguredSsoSession {
  /** The `[sso-session]` name; undefined for the start URL of legacy profiles (their token is cached under it). */
  sessionName?: string;
  startUrl: string;
  region: string;
  /** Profiles that sign in through it, in file order. */
  profiles: string[];
}

/**
 * Every SSO session of the AWS config: each `[sso-session]` with `sso_start_url` and `sso_region`, and each start URL
 * of legacy profiles, with the profiles that use it. Sections without those settings are left out (readSsoConfig
 * explains what they lack). An absent file has none.
 */
export async function listSsoSessions(options: Pick<SsoConfigOptions, "configFile"> = {}): Promise<ConfiguredSsoSession[]> {
  const configFile = options.configFile ?? defaultConfigFile();
  const sections = await sectionsOf(configFile);
  const sessions = new Map<string, ConfiguredSsoSession>();
  for (const [key, s] of Object.entries(sections)) {
    if (key.startsWith(SESSION_PREFIX) && s.sso_start_url && s.sso_region) {
      const sessionName = key.slice(SESSION_PREFIX.length);
      sessions.set(key, { sessionName, startUrl: s.sso_start_url, region: s.sso_region, profiles: [] });
    }
  }
  for (const [name, p] of Object.entries(sections)) {
    if (name.startsWith(SESSION_PREFIX)) continue;
    if (p.sso_session) sessions.get(SESSION_PREFIX + p.sso_session)?.profiles.push(name);
    else if (p.sso_start_url && p.sso_region) {
      const key = `legacy ${p.sso_start_url}`;
      if (!sessions.has(key)) sessions.set(key, { startUrl: p.sso_start_url, region: p.sso_region, profiles: [] });
      sessions.get(key)!.profiles.push(name);
    }
  }
  return [...sessions.values()];
}
