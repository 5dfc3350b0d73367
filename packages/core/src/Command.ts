import type { Handler, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { classMiddleware, orderMiddleware, type CommandPlugins } from "./middlewareOrder";
import { redact } from "./redact";
import { sendRequest } from "./sendRequest";
import { createTrackedStack, seedStack, stackVersion } from "./trackedStack";
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
  /**
   * What the client's serializer and deserializer need to know of the operation; they find it in the context, at
   * `__smithy_context.operationSchema`, as the AWS SDK v3's schema serde does.
   */
  schema?: unknown;
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
  /** The command class's middleware on the client that last sent this command. */
  private classStack: MiddlewareStack<any, any> | undefined;

  constructor(input: I) {
    this.input = input;
  }

  protected abstract spec(): CommandSpec<C>;

  /**
   * Middleware for this command only. Once the command has been sent it also holds the command class's own
   * middleware (the endpoint's), as the AWS SDK v3's does, so `client.middlewareStack.concat(command.middlewareStack)`
   * lists the whole chain. Created on first use: a command nobody looks at costs no stack.
   */
  get middlewareStack(): MiddlewareStack<I, O> {
    return (this.ownStack ??= createTrackedStack<I, O>(this.classStack));
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
      __smithy_context: { service: spec.service, operation: spec.operation, operationSchema: spec.schema },
    } as SsoContext;
    const entry = classMiddleware(spec, config, clientStack);
    const own = this.ownStack;
    let list = entry.list;
    if (own) {
      // As v3 does on each send: the class's middleware goes into the command's stack, for whoever reads it.
      seedStack(own, entry.stack);
      if (stackVersion(own)) list = orderMiddleware([clientStack, own]);
    }
    this.classStack = entry.stack;
    let handler: any = (args: any) => sendRequest(config, args.request, options);
    for (const mw of list) handler = mw(handler, context);
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
