import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Pluggable } from "@smithy/types";
import { noOpLogger, redact, scrub, secretValues, type SsoContext } from "@ssokit/core";
import type { LoggerResolvedConfig } from "./resolveLoggerConfig";

const NONE: ReadonlySet<string> = new Set();

/** What a log record says of an error: its identity and its (scrubbed) words; never the raw response. */
function describeError(error: unknown, secrets: readonly string[]): Record<string, unknown> {
  if (error === null || typeof error !== "object") return { message: scrub(String(error), secrets) };
  const e = error as Record<string, unknown>;
  const out: Record<string, unknown> = { name: e.name, message: scrub(String(e.message ?? ""), secrets) };
  for (const key of ["code", "$fault", "error", "reason"]) if (e[key] !== undefined) out[key] = e[key];
  if (typeof e.error_description === "string") out.error_description = scrub(e.error_description, secrets);
  return out;
}

/**
 * Writes one record per call, after it ends: `{ clientName, commandName, input, output, metadata }` at `info`, or
 * `{ clientName, commandName, input, error, metadata }` at `error`. Every member named sensitive is masked, and any
 * secret value of the input is scrubbed from error text, whatever member it turns up in.
 */
export const loggerMiddleware =
  (config: LoggerResolvedConfig): InitializeMiddleware<any, any> =>
  (next, context) =>
  async (args) => {
    const logger = config.logger;
    if (logger === noOpLogger) return next(args);
    const sensitive = (context as SsoContext).sensitiveMembers ?? NONE;
    const base = { clientName: context.clientName, commandName: context.commandName };
    try {
      const result = await next(args);
      const { $metadata, ...output } = (result.output ?? {}) as Record<string, unknown>;
      logger.info?.({ ...base, input: redact(args.input, sensitive), output: redact(output, sensitive), metadata: $metadata });
      return result;
    } catch (error) {
      const secrets = secretValues(args.input, sensitive);
      logger.error?.({
        ...base,
        input: redact(args.input, sensitive),
        error: describeError(error, secrets),
        metadata: (error as { $metadata?: unknown } | null)?.$metadata,
      });
      throw error;
    }
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
