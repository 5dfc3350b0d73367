/** What a redacted value is replaced with; the same marker the AWS SDKs print. */
export const SENSITIVE_STRING = "***SensitiveInformation***";

const MAX_DEPTH = 8;

/**
 * A deep copy of `value` in which every member named in `names` is replaced by {@link SENSITIVE_STRING}.
 * Used for every place a value leaves the process: log records, `toJSON`, `util.inspect`.
 */
export function redact(value: unknown, names: ReadonlySet<string>, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[Object]";
  if (Array.isArray(value)) return value.map((v) => redact(v, names, depth + 1));
  if (value instanceof Date || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    out[key] = names.has(key) && v !== undefined && v !== null ? SENSITIVE_STRING : redact(v, names, depth + 1);
  }
  return out;
}

/** The string values of sensitive members in `value` (top level and nested), for scrubbing free text. */
export function secretValues(value: unknown, names: ReadonlySet<string>, out: string[] = [], depth = 0): string[] {
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return out;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (names.has(key) && typeof v === "string" && v.length > 0) out.push(v);
    else if (typeof v === "object") secretValues(v, names, out, depth + 1);
  }
  return out;
}

/**
 * `text` with every occurrence of a secret replaced by {@link SENSITIVE_STRING}. A service (or a proxy) that echoes
 * a request's secret back in an error description must not carry it into an error message or a log line.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  for (const s of secrets) if (text.includes(s)) text = text.split(s).join(SENSITIVE_STRING);
  return text;
}
