import { scrub, SENSITIVE_STRING } from "@ssokit/core";
import { SENSITIVE_MEMBERS } from "../sensitiveMembers";

const MAX = 200;
// `"member": "value` up to the closing quote, or to the end where a truncated body cut the value short.
const SENSITIVE_VALUE = new RegExp(`"(${[...SENSITIVE_MEMBERS].join("|")})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, "g");

/**
 * The start of a body for an error message: sensitive members masked first (a truncated or malformed success
 * body may hold a token), the request's own secrets scrubbed, then cut to 200 characters on one line.
 */
export function bodyExcerpt(text: string, secrets: readonly string[]): string {
  const masked = scrub(text.replace(SENSITIVE_VALUE, `"$1"$2"${SENSITIVE_STRING}"`), secrets).replace(/\s+/g, " ").trim();
  return masked.length > MAX ? `${masked.slice(0, MAX)}…` : masked;
}
