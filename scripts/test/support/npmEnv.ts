/**
 * The environment for an npm (or node) that a test runs in a directory of its own: this process's, without the
 * npm settings of the `npm test` that runs the tests (its prefix, workspace and script variables), but with where
 * npm keeps its cache and config, so installs come from the same cache.
 */
export function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ["npm_config_cache", "npm_config_userconfig", "npm_config_registry"];
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.includes(k.toLowerCase())));
  return { ...env, ...extra };
}
