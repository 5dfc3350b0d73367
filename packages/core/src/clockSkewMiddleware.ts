import type { AbsoluteLocation, DeserializeHandlerOptions, DeserializeMiddleware, Pluggable } from "@smithy/types";

export interface ClockSkewResolvedConfig {
  /** Milliseconds to add to this machine's clock to get the service's; learnt from answers. */
  systemClockOffset: number;
}

/** Skew from which the offset is corrected, as the AWS SDK v2 did: five minutes. */
export const CLOCK_SKEW_THRESHOLD = 5 * 60 * 1000;

/**
 * Learns the service's time from each answer's `Date` header: when this machine's clock (plus the current offset)
 * is five minutes or more off, `systemClockOffset` becomes the difference. The client's clock adds it, so back-off
 * hints and token expiry times are reckoned in the service's time.
 */
export const clockSkewMiddleware =
  (config: ClockSkewResolvedConfig): DeserializeMiddleware<any, any> =>
  (next) =>
  async (args) => {
    const result = await next(args);
    const date = Date.parse((result.response as { headers: Record<string, string> }).headers.date ?? "");
    if (date === date && Math.abs(date - (Date.now() + config.systemClockOffset)) >= CLOCK_SKEW_THRESHOLD) {
      config.systemClockOffset = date - Date.now();
    }
    return result;
  };

/** Deserialize step, low priority: right on the transport, so it sees every answer, errors included. */
export const clockSkewMiddlewareOptions: DeserializeHandlerOptions & AbsoluteLocation = {
  name: "clockSkewMiddleware",
  step: "deserialize",
  priority: "low",
  tags: ["CLOCK_SKEW"],
  override: true,
};

export const getClockSkewPlugin = (config: ClockSkewResolvedConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(clockSkewMiddleware(config), clockSkewMiddlewareOptions),
});
