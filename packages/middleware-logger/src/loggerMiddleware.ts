import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Logger, Pluggable } from "@smithy/types";
import { loadModule, noOpLogger } from "@ssokit/core";
import type { LoggerResolvedConfig } from "./resolveLoggerConfig";

/**
 * Writes one structured record per call, after it ends (see `logCall`). With the default logger (or a v2 line
 * logger, which the v2 client serves itself) this step passes straight through; the code that builds records is
 * a chunk of its own, loaded by the first logged call, so an application that logs nothing never downloads it.
 */
export const loggerMiddleware =
  (config: LoggerResolvedConfig): InitializeMiddleware<any, any> =>
  (next, context) => {
    const logger = config.logger;
    if (logger === noOpLogger || typeof (logger as Logger).info !== "function") return next;
    // A load failure fails the call before anything is sent: a call that should be logged is never made unlogged.
    return (args) => loadModule(() => import("./logCall"), "the logging code").then(({ logCall }) => logCall(logger as Logger, context, next, args));
  };

/**
 * Initialize step, first: the outermost layer, so the record covers the whole call (every retry, the final
 * outcome) and sees the input as the caller gave it, before anything is serialized.
 */
export const loggerMiddlewareOptions: InitializeHandlerOptions & AbsoluteLocation = {
  name: "loggerMiddleware",
  step: "initialize",
  priority: "high",
  tags: ["LOGGER"],
  override: true,
};

export const getLoggerPlugin = (config: LoggerResolvedConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(loggerMiddleware(config), loggerMiddlewareOptions),
});
