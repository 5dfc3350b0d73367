import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments, Logger } from "@smithy/types";
import { redact, secretValues, type SsoContext } from "@ssokit/core";
import { errorRecord } from "./errorRecord";

/**
 * Runs one call and writes its record: `{ clientName, commandName, input, output, metadata }` at `info`, or
 * `{ clientName, commandName, input, error, metadata }` at `error`. Every member named sensitive is masked, and any
 * secret value of the input is scrubbed from the error's text, whatever member it turns up in. Never raw HTTP.
 */
export async function logCall(logger: Logger, context: HandlerExecutionContext, next: InitializeHandler<any, any>, args: InitializeHandlerArguments<any>) {
  const sensitive = (context as SsoContext).sensitiveMembers ?? new Set<string>();
  const record = { clientName: context.clientName, commandName: context.commandName, input: redact(args.input, sensitive) };
  try {
    const result = await next(args);
    const { $metadata, ...output } = result.output;
    logger.info({ ...record, output: redact(output, sensitive), metadata: $metadata });
    return result;
  } catch (e: any) {
    logger.error?.({ ...record, error: errorRecord(e, secretValues(args.input, sensitive)), metadata: e?.$metadata });
    throw e;
  }
}
