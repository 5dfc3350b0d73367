import { SdkError } from "@ssokit/core";

export type SsoConfigErrorCode = "ProfileNotFound" | "SsoSessionNotFound" | "NotAnSsoProfile" | "MissingSetting" | "ConflictingSettings";

/**
 * The AWS config file does not give what a sign-in needs: the profile or `sso-session` is not there, the profile
 * has no SSO settings, a setting is missing, or a profile and its `sso-session` disagree. The message names the
 * file, the section and the setting to add or fix.
 */
export class SsoConfigError extends SdkError {
  override readonly name = "SsoConfigError";
  /** The config file that was read. */
  readonly file: string;

  constructor(code: SsoConfigErrorCode, file: string, message: string) {
    super(code, message);
    this.file = file;
  }
}

export const isSsoConfigError = (e: unknown): e is SsoConfigError => (e as Error | undefined)?.name === "SsoConfigError";
