import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Pluggable } from "@smithy/types";
import { noOpLogger, redact, scrub, secretValues, type SsoContext } from "@ssokit/core";
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
    // With the default logger the step is a plain pass-through: no record, no extra promise.
    if (logger === noOpLogger) return next;
    return async (args) => {
      const sensitive = (context as SsoContext).sensitiveMembers ?? new Set<string>();
      const record = { clientName: context.clientName, commandName: context.commandName, input: redact(args.input, sensitive) };
      try {
        const result = await next(args);
        const { $metadata, ...output } = result.output;
        logger.info?.({ ...record, output: redact(output, sensitive), metadata: $metadata });
        return result;
      } catch (e: any) {
        const secrets = secretValues(args.input, sensitive);
        // Identity and words only, scrubbed; never the raw response.
        const error: Record<string, unknown> = {};
        for (const key of ["name", "message", "code", "$fault", "error", "error_description", "reason"]) {
          if (e?.[key] !== undefined) error[key] = typeof e[key] === "string" ? scrub(e[key], secrets) : e[key];
        }
        logger.error?.({ ...record, error, metadata: e?.$metadata });
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
