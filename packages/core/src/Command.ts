import type { Handler, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { middlewareFor, type CommandPlugins } from "./middlewareOrder";
import { redact } from "./redact";
import { sendRequest } from "./sendRequest";
import { createTrackedStack } from "./trackedStack";
import type { CoreResolvedConfig, SendOptions, SsoContext } from "./types";

/** What a command class tells the core about itself. One constant object per class. */
export interface CommandSpec<C> extends CommandPlugins<C> {
  clientName: string;
  commandName: string;
  /** The service and operation as the model names them. */
  service: string;
  operation: string;
  /** Members never shown in logs, `toJSON` or `util.inspect`. */
  sensitiveMembers: ReadonlySet<string>;
  /** The redacting filter v3 middleware finds in the context; made once per class, on first use. */
  filter?: (value: unknown) => unknown;
}

/**
 * Base of every command: holds the input and an optional stack of the command's own middleware, and builds the
 * handler chain for one call. Subclasses only say what they are through {@link CommandSpec}.
 */
export abstract class Command<I extends object, O extends MetadataBearer, C extends CoreResolvedConfig> {
  readonly input: I;
  private ownStack: MiddlewareStack<I, O> | undefined;

  constructor(input: I) {
    this.input = input;
  }

  protected abstract spec(): CommandSpec<C>;

  /** Middleware for this command only. Created on first use: a command nobody customises costs no stack. */
  get middlewareStack(): MiddlewareStack<I, O> {
    return (this.ownStack ??= createTrackedStack<I, O>());
  }

  /** Builds the handler for one call. `Client.send` calls it; so can code written for the AWS SDK v3. */
  resolveMiddleware(clientStack: MiddlewareStack<any, any>, config: C, options?: SendOptions): Handler<I, O> {
    const spec = this.spec();
    const filter = (spec.filter ??= (v: unknown) => redact(v, spec.sensitiveMembers));
    // A fresh context per call: v3 middleware may keep per-call state in it.
    const context: SsoContext = {
      logger: config.logger,
      clientName: spec.clientName,
      commandName: spec.commandName,
      inputFilterSensitiveLog: filter,
      outputFilterSensitiveLog: filter,
      sensitiveMembers: spec.sensitiveMembers,
      abortSignal: options?.abortSignal as AbortSignal | undefined,
      __smithy_context: { service: spec.service, operation: spec.operation },
    } as SsoContext;
    let handler: any = (args: any) => sendRequest(config, args.request, options);
    for (const mw of middlewareFor(spec, config, clientStack, this.ownStack)) handler = mw(handler, context);
    return handler;
  }

  /** The input with sensitive members masked, so logging a command never prints a secret. */
  toJSON(): { command: string; input: unknown } {
    const spec = this.spec();
    return { command: spec.commandName, input: redact(this.input, spec.sensitiveMembers) };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const { command, input } = this.toJSON();
    return `${command} ${JSON.stringify(input)}`;
  }
}
