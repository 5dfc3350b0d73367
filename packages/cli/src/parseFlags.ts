import { parseArgs } from "node:util";
import { UsageError } from "./UsageError";

export type FlagSpec = Record<string, { type: "string" | "boolean" }>;

/** Parses flags strictly: an unknown flag or a missing value is a UsageError that lists the allowed flags. */
export function parseFlags<S extends FlagSpec>(command: string, args: string[], spec: S) {
  const allowed = Object.keys(spec)
    .map((f) => `--${f}`)
    .join(", ");
  try {
    return (parseArgs({ args, options: spec, strict: true, allowPositionals: false }) as { values: unknown }).values as {
      [K in keyof S]?: S[K]["type"] extends "boolean" ? boolean : string;
    };
  } catch (e) {
    const reason = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/\.$/, "");
    throw new UsageError(`${command}: ${reason}. Allowed: ${allowed}.`);
  }
}

/** What each URL flag looks like, for the message that rejects a bad value. */
const URL_EXAMPLES: Record<string, string> = {
  "start-url": "https://d-1234567890.awsapps.com/start",
  endpoint: "https://oidc.us-east-1.amazonaws.com (or the URL that sso-oidc local prints)",
};

/** A flag's value as an http(s) URL, or a UsageError naming the flag and showing what it looks like. */
export function urlFlag(flag: "start-url" | "endpoint", value: string): string {
  try {
    if (/^https?:\/\/./i.test(value) && new URL(value)) return value;
  } catch {
    // reported below
  }
  throw new UsageError(`--${flag} must be an http(s) URL, such as ${URL_EXAMPLES[flag]}; got ${JSON.stringify(value)}.`);
}
