/** What a redacted value is replaced with; the same marker the AWS SDKs print. */
export const SENSITIVE_STRING = "***SensitiveInformation***";

/**
 * A deep copy of `value` in which every member named in `names` is replaced by {@link SENSITIVE_STRING}.
 * Used for every place a value leaves the process: log records, `toJSON`, `util.inspect`. Stops 8 levels down
 * (so a cycle ends), and turns BigInts, functions and symbols into text, so the copy always prints as JSON.
 */
export function redact(value: unknown, names: ReadonlySet<string>, depth = 0): unknown {
  // The copy is for printing: values JSON cannot hold become words, so printing it never throws.
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || typeof value === "symbol") return `[${typeof value}]`;
  if (!value || typeof value !== "object" || value instanceof Uint8Array) return value;
  if (depth > 7) return "[Object]";
  if (Array.isArray(value)) return value.map((v) => redact(v, names, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = names.has(key) && v != null ? SENSITIVE_STRING : redact(v, names, depth + 1);
  return out;
}
