import { readFileSync } from "node:fs";
import { join } from "node:path";

// What the side-by-side tests (differential.test.ts against v3, v2Differential.test.ts against v2) share: mapping
// an observation's intended differences away, and reading the README table that lists them.

/** Maps one value of an observation (called for every value, depth first) onto what both SDKs have in common. */
export type DifferenceMap<Who> = (key: string, value: unknown, who: Who, parent: any) => unknown;

/** An observation with every difference's `map` applied to every value; what remains must be equal. */
export function normalize<Who>(differences: readonly { map: DifferenceMap<Who> }[], observation: unknown, who: Who): unknown {
  const walk = (key: string, value: unknown, parent: unknown): unknown => {
    let v = value;
    if (Array.isArray(v)) v = v.map((item, i) => walk(String(i), item, v));
    else if (v && typeof v === "object") v = Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(k, item, value)]));
    for (const difference of differences) v = difference.map(key, v, who, parent);
    return v;
  };
  return walk("", observation, undefined);
}

/**
 * The rows of the table under `header` in the client README's section `heading`: from under the header and its
 * separator to the first line that is not a row, each split into its cells.
 */
export function readmeTable(heading: string, header: string): string[][] {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf(heading));
  const rows = section.slice(section.indexOf(header)).split("\n").slice(2);
  rows.splice(rows.findIndex((line) => !line.startsWith("| ")));
  return rows.map((line) => line.slice(2, -2).split(" | "));
}
