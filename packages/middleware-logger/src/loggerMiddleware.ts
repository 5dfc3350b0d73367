import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Logger, Pluggable } from "@smithy/types";
import { noOpLogger, redact, secretValues, type SsoContext } from "@ssokit/core";
import { errorRecord } from "./errorRecord";
import type { LoggerResolvedConfig } from "./resolveLoggerConfig";

/**
 * Writes one record per call, after it ends: `{ clientName, commandName, input, output, metadata }` at `info`, or
 * `{ clientName, commandName, input, error, metadata }` at `error`. Every member named sensitive is masked, and any
 * secret value of the input is scrubbed from the error's text, whatever member it turns up in. Never raw HTTP.
 */
export const loggerMiddleware =
  (config: LoggerResolvedConfig): InitializeMiddleware<any, any> =>
  (next, context) => {
    const logger = config.logger;
    // With the default logger (or a v2 line logger, which the v2 client serves itself) this step passes through.
    if (logger === noOpLogger || typeof (logger as Logger).info !== "function") return next;
    const structured = logger as Logger;
    return async (args) => {
      const sensitive = (context as SsoContext).sensitiveMembers ?? new Set<string>();
      const record = { clientName: context.clientName, commandName: context.commandName, input: redact(args.input, sensitive) };
      try {
        const result = await next(args);
        const { $metadata, ...output } = result.output;
        structured.info({ ...record, output: redact(output, sensitive), metadata: $metadata });
        return result;
      } catch (e: any) {
        structured.error?.({ ...record, error: errorRecord(e, secretValues(args.input, sensitive)), metadata: e?.$metadata });
        throw e;
      }
    };
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
