/** The string values of sensitive members in `value`, at any depth, for scrubbing free text. */
export function secretValues(value: unknown, names: ReadonlySet<string>, out: string[] = [], depth = 0): string[] {
  if (value && typeof value === "object" && depth < 8) {
    for (const [key, v] of Object.entries(value)) {
      if (names.has(key) && typeof v === "string" && v) out.push(v);
      else secretValues(v, names, out, depth + 1);
    }
  }
  return out;
}
