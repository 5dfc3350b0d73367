import { SENSITIVE_STRING } from "./redact";

/**
 * `text` with every occurrence of a secret replaced by {@link SENSITIVE_STRING}. A service (or a proxy) that echoes
 * a request's secret back in an error description must not carry it into an error message or a log line.
 */
export const scrub = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((t, s) => t.split(s).join(SENSITIVE_STRING), text);
