import type { Handler, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { commandClassStack, middlewareFor, type CommandPlugins } from "./middlewareOrder";
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
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const templates = new WeakMap<object, SsoContext>();

function contextTemplate(spec: CommandSpec<any>, config: CoreResolvedConfig): SsoContext {
  let t = templates.get(spec);
  if (!t || t.logger !== config.logger) {
    const filter = (v: unknown) => redact(v, spec.sensitiveMembers);
    t = {
      logger: config.logger,
      clientName: spec.clientName,
      commandName: spec.commandName,
      inputFilterSensitiveLog: filter,
      outputFilterSensitiveLog: filter,
      sensitiveMembers: spec.sensitiveMembers,
      __smithy_context: { service: spec.service, operation: spec.operation },
    } as SsoContext;
    templates.set(spec, t);
  }
  return t;
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
    // A fresh context per call: v3 middleware may keep per-call state in it.
    const context: SsoContext = { ...contextTemplate(spec, config), abortSignal: options?.abortSignal as AbortSignal | undefined };
    const terminal = (args: any) => sendRequest(config, args.request, options);
    if (clientStack.identifyOnResolve?.()) {
      // The caller asked the stack library to print the order; let it resolve (and print) the slow way.
      let stack = clientStack.concat(commandClassStack(spec, config));
      if (this.ownStack) stack = stack.concat(this.ownStack);
      return stack.resolve(terminal, context) as Handler<I, O>;
    }
    let handler: any = terminal;
    for (const mw of middlewareFor(spec, config, clientStack, this.ownStack)) handler = mw(handler, context);
    return handler;
  }

  /** The input with sensitive members masked, so logging a command never prints a secret. */
  toJSON(): { command: string; input: unknown } {
    const spec = this.spec();
    return { command: spec.commandName, input: redact(this.input, spec.sensitiveMembers) };
  }

  [INSPECT](): string {
    const { command, input } = this.toJSON();
    return `${command} ${JSON.stringify(input)}`;
  }
}
