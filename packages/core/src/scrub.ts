import { SENSITIVE_STRING } from "./redact";

/**
 * `text` with every occurrence of a secret replaced by {@link SENSITIVE_STRING}. A service (or a proxy) that echoes
 * a request's secret back in an error description must not carry it into an error message or a log line.
 * Values shorter than 4 characters are left alone: no real secret is that short, and masking them would cut letters
 * out of every word, error names and `$fault` included (tests and examples pass `"s"` as a client secret).
 */
export const scrub = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((t, s) => (s.length < 4 ? t : t.split(s).join(SENSITIVE_STRING)), text);
