import type { AbsoluteLocation, BuildHandlerOptions, BuildMiddleware, Pluggable, UserAgent } from "@smithy/types";

export interface UserAgentInputConfig {
  /** Appended to the SDK's user agent: a string, or `[name, version?]` pairs as in the AWS SDK v3. @default none */
  customUserAgent?: string | UserAgent;
}

export interface UserAgentResolvedConfig {
  customUserAgent?: UserAgent;
  /** The full user agent, computed once. */
  userAgent: string;
  /** Whether the `user-agent` header may be set (Node), beside `x-amz-user-agent` (everywhere). */
  setUserAgentHeader: boolean;
}

/** Resolves `customUserAgent` against the SDK's own agent string (which the runtime config provides). */
export function resolveUserAgentConfig<T extends UserAgentInputConfig>(
  input: T & { defaultUserAgent: string; setUserAgentHeader: boolean },
): T & UserAgentResolvedConfig {
  const custom: UserAgent = typeof input.customUserAgent === "string" ? [[input.customUserAgent]] : (input.customUserAgent ?? []);
  // Header-safe: visible ASCII only; anything else (spaces, control and non-ASCII characters) becomes "-".
  const extra = custom.map(([name, version]) => (version ? `${name}/${version}` : name).replace(/[^\x21-\x7e]/g, "-"));
  return { ...input, customUserAgent: custom, userAgent: extra.length ? [input.defaultUserAgent, ...extra].join(" ") : input.defaultUserAgent };
}

/** Sets `x-amz-user-agent` (and `user-agent` where the runtime allows it) on every request. */
export const userAgentMiddleware =
  (config: UserAgentResolvedConfig): BuildMiddleware<any, any> =>
  (next) =>
  (args) => {
    const headers = (args.request as { headers?: Record<string, string> }).headers;
    if (headers) {
      headers["x-amz-user-agent"] = config.userAgent;
      if (config.setUserAgentHeader) headers["user-agent"] = config.userAgent;
    }
    return next(args);
  };

/** Build step, low priority: after any header a user adds, like the AWS SDK's `getUserAgentMiddleware`. */
export const userAgentMiddlewareOptions: BuildHandlerOptions & AbsoluteLocation = {
  name: "userAgentMiddleware",
  aliases: ["getUserAgentMiddleware"],
  step: "build",
  priority: "low",
  tags: ["SET_USER_AGENT", "USER_AGENT"],
  override: true,
};

export const getUserAgentPlugin = (config: UserAgentResolvedConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(userAgentMiddleware(config), userAgentMiddlewareOptions),
});
