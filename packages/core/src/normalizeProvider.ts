import type { Provider } from "@smithy/types";

const constant = <T>(value: T): Provider<T> => {
  const promise = Promise.resolve(value);
  return () => promise;
};

// Most settings are left at undefined or false: every client shares one provider for each of those.
const PROVIDE_UNDEFINED = /*#__PURE__*/ constant(undefined);
const PROVIDE_FALSE = /*#__PURE__*/ constant(false);

/**
 * A value or a provider of it, as a provider: the shape the AWS SDK v3 gives `client.config.region` and its
 * siblings, kept so code that calls `await client.config.region()` keeps working.
 */
export const normalizeProvider = <T>(input: T | Provider<T>): Provider<T> =>
  typeof input === "function" ? (input as Provider<T>) : ((input === undefined ? PROVIDE_UNDEFINED : input === false ? PROVIDE_FALSE : constant(input)) as Provider<T>);
