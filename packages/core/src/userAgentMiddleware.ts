import type { AbsoluteLocation, BuildHandlerOptions, BuildMiddleware, Pluggable, UserAgent } from "@smithy/types";

export interface UserAgentInputConfig {
  /**
   * Appended to the SDK's user agent: a string, or `[name, version?]` pairs as in the AWS SDK v3. Read on every
   * request, so a plugin may push pairs onto `client.config.customUserAgent` later. @default none
   */
  customUserAgent?: string | UserAgent;
}

export interface UserAgentResolvedConfig {
  customUserAgent?: UserAgent;
  /** The SDK's own user agent, without the custom part. */
  defaultUserAgent: string;
  /** Whether the `user-agent` header may be set (Node), beside `x-amz-user-agent` (everywhere). */
  setUserAgentHeader: boolean;
}

/** Resolves `customUserAgent` to `[name, version?]` pairs, the form the AWS SDK v3 leaves in `client.config`. */
export function resolveUserAgentConfig<T extends UserAgentInputConfig>(
  input: T & { defaultUserAgent: string; setUserAgentHeader: boolean },
): T & UserAgentResolvedConfig {
  return { ...input, customUserAgent: typeof input.customUserAgent === "string" ? [[input.customUserAgent]] : input.customUserAgent };
}

/**
 * Sets `x-amz-user-agent` (and `user-agent` where the runtime allows it) on every request, from
 * `config.customUserAgent` as it is at that moment, as the AWS SDK v3 does.
 */
export const userAgentMiddleware =
  (config: UserAgentResolvedConfig): BuildMiddleware<any, any> =>
  (next) =>
  (args) => {
    const headers = (args.request as { headers?: Record<string, string> }).headers;
    if (headers) {
      let agent = config.defaultUserAgent;
      const custom = config.customUserAgent as UserAgent | string | undefined;
      // Header-safe: visible ASCII only; anything else (spaces, control and non-ASCII characters) becomes "-".
      if (custom?.length) for (const pair of typeof custom === "string" ? [[custom]] : custom) agent += ` ${pair.filter(Boolean).join("/").replace(/[^\x21-\x7e]/g, "-")}`;
      headers["x-amz-user-agent"] = agent;
      if (config.setUserAgentHeader) headers["user-agent"] = agent;
    }
    return next(args);
  };

/**
 * Build step, low priority: after any header a user adds. Named `getUserAgentMiddleware`, exactly as in the AWS SDK
 * v3, so that middleware placed relative to it and a printed chain read the same.
 */
export const userAgentMiddlewareOptions: BuildHandlerOptions & AbsoluteLocation = {
  name: "getUserAgentMiddleware",
  step: "build",
  priority: "low",
  tags: ["SET_USER_AGENT", "USER_AGENT"],
  override: true,
};

export const getUserAgentPlugin = (config: UserAgentResolvedConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(userAgentMiddleware(config), userAgentMiddlewareOptions),
});
