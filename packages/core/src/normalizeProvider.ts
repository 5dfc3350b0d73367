import type { Provider } from "@smithy/types";

// Clients mostly hold the same settings (undefined, false, one region): they share one provider per primitive
// value, for the first few values seen. An object is not shared: its holder may change it.
const SHARED = new Map<unknown, Provider<unknown>>();

const constant = <T>(value: T): Provider<T> => {
  const promise = Promise.resolve(value);
  const provider = () => promise;
  if (SHARED.size < 32 && Object(value) !== value) SHARED.set(value, provider);
  return provider;
};

/**
 * A value or a provider of it, as a provider: the shape the AWS SDK v3 gives `client.config.region` and its
 * siblings, kept so code that calls `await client.config.region()` keeps working.
 */
export const normalizeProvider = <T>(input: T | Provider<T>): Provider<T> =>
  (typeof input === "function" ? input : (SHARED.get(input) ?? constant(input))) as Provider<T>;
