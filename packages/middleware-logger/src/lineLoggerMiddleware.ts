import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Pluggable } from "@smithy/types";
import { redact, secretValues, type LineLogger, type SsoContext } from "@ssokit/core";
import { errorRecord } from "./errorRecord";

/**
 * Writes one line per call to an AWS SDK v2-style logger (`log(line)`, else `write(text)`), in v2's format:
 * `[AWS ssooidc 200 0.052s 0 retries] createToken({...})`, then ` ErrorName: message` on failure. The input's
 * sensitive members are masked and the error's text is scrubbed of the input's secrets.
 */
export const lineLoggerMiddleware =
  (logger: LineLogger): InitializeMiddleware<any, any> =>
  (next, context) =>
  async (args) => {
    const started = Date.now();
    const sensitive = (context as SsoContext).sensitiveMembers ?? new Set<string>();
    const write = (metadata: { httpStatusCode?: number; attempts?: number } | undefined, tail = "") => {
      const service = (context.clientName ?? "").replace(/Client$/, "").toLowerCase();
      const operation = (context.commandName ?? "").replace(/Command$/, "").replace(/^./, (c) => c.toLowerCase());
      const seconds = ((Date.now() - started) / 1000).toFixed(3);
      const retries = Math.max(0, (metadata?.attempts ?? 1) - 1);
      const line = `[AWS ${service} ${metadata?.httpStatusCode ?? "-"} ${seconds}s ${retries} retries] ${operation}(${JSON.stringify(redact(args.input, sensitive))})${tail}`;
      if (typeof logger.log === "function") logger.log(line);
      else logger.write?.(`${line}\n`);
    };
    try {
      const result = await next(args);
      write(result.output?.$metadata);
      return result;
    } catch (e: any) {
      const error = errorRecord(e, secretValues(args.input, sensitive));
      write(e?.$metadata, ` ${error.name ?? "Error"}: ${error.message ?? ""}`);
      throw e;
    }
  };

/** Initialize step, first, like the structured logger: one line for the whole call, whatever happened. */
export const lineLoggerMiddlewareOptions: InitializeHandlerOptions & AbsoluteLocation = {
  name: "lineLoggerMiddleware",
  step: "initialize",
  priority: "high",
  tags: ["LOGGER"],
  override: true,
};

export const getLineLoggerPlugin = (logger: LineLogger): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(lineLoggerMiddleware(logger), lineLoggerMiddlewareOptions),
});
