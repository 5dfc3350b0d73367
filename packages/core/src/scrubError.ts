import { scrub } from "./scrub";

/**
 * Masks `secrets` in every string field of an error the SDK made, in place: its own properties, enumerable or not
 * (`name`, `message`, `stack`, the OAuth `error` and `error_description`, `reason`, `endpoint`, `region`, an
 * excerpt...) and the strings of the plain objects it holds (`$metadata`). A service or a proxy may echo a secret
 * of the request back in any member or header the error is built from; this is the one place that takes it out.
 * `$response`, the raw response, is left alone: it is kept non-enumerable so that it never prints.
 */
export function scrubError<E extends object>(error: E, secrets: readonly string[]): E {
  if (!secrets.length) return error;
  const clean = (target: any, depth: number) => {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key === "$response") continue;
      const value = target[key];
      if (typeof value === "string") {
        const masked = scrub(value, secrets);
        if (masked !== value) Object.defineProperty(target, key, { value: masked });
      } else if (depth === 0 && value && Object.getPrototypeOf(value) === Object.prototype) {
        clean(value, 1);
      }
    }
  };
  // `stack` is among the own properties: its first line, written from `name` and `message` the first time it is
  // read, is scrubbed like any other string.
  clean(error, 0);
  return error;
}
