import type { Provider } from "@smithy/types";

/**
 * A value or a provider of it, as a provider: the shape the AWS SDK v3 gives `client.config.region` and its
 * siblings, kept so code that calls `await client.config.region()` keeps working.
 */
export function normalizeProvider<T>(input: T | Provider<T>): Provider<T> {
  if (typeof input === "function") return input as Provider<T>;
  const promise = Promise.resolve(input);
  return () => promise;
}
