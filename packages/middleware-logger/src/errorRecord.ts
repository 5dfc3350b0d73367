import { scrub } from "@ssokit/core";

const FIELDS = ["name", "message", "code", "$fault", "error", "error_description", "reason"];

/** What a log record says of an error: its identity and its words, secrets scrubbed; never the raw response. */
export function errorRecord(e: any, secrets: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key of FIELDS) if (e?.[key] !== undefined) record[key] = typeof e[key] === "string" ? scrub(e[key], secrets) : e[key];
  return record;
}
