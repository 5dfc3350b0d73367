import type { Command as SmithyCommand, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { createTrackedStack } from "./trackedStack";
import type { CoreResolvedConfig, SendOptions } from "./types";

/** A node-style callback, as `send(command, callback)` takes it. */
export type SendCallback<T> = (err: any, data?: T) => void;

/**
 * Base of every client: a resolved config, a middleware stack, and `send`. Service clients resolve their config
 * and add their default middleware in the constructor; everything per call happens in the command.
 */
export class Client<I extends object, O extends MetadataBearer, C extends CoreResolvedConfig> {
  readonly config: C;
  middlewareStack: MiddlewareStack<I, O>;

  constructor(config: C) {
    this.config = config;
    this.middlewareStack = createTrackedStack<I, O>();
  }

  // The callback forms come first so that an arrow function's parameters are typed from them.
  send<CI extends I, CO extends O>(command: SmithyCommand<I, CI, O, CO, C>, callback: SendCallback<CO>): void;
  send<CI extends I, CO extends O>(
    command: SmithyCommand<I, CI, O, CO, C>,
    options: SendOptions | undefined,
    callback: SendCallback<CO>,
  ): void;
  send<CI extends I, CO extends O>(command: SmithyCommand<I, CI, O, CO, C>, options?: SendOptions): Promise<CO>;
  send<CI extends I, CO extends O>(
    command: SmithyCommand<I, CI, O, CO, C>,
    optionsOrCallback?: SendOptions | SendCallback<CO>,
    callback?: SendCallback<CO>,
  ): Promise<CO> | void {
    const options = typeof optionsOrCallback === "function" ? undefined : optionsOrCallback;
    const cb = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
    let result: Promise<CO>;
    try {
      const handler = command.resolveMiddleware(this.middlewareStack, this.config, options);
      result = handler(command as any).then((r) => r.output);
    } catch (e) {
      result = Promise.reject(e);
    }
    if (!cb) return result;
    // As in the AWS SDK v3: an exception thrown by the callback is not turned into an unhandled rejection.
    result.then(
      (output) => cb(null, output),
      (err) => cb(err),
    ).catch(() => {});
  }

  /**
   * Closes the request handler's pooled connections. A call in flight ends with an `AbortError` instead of retrying
   * on new connections, and so does any later call: the client must not be used afterwards.
   */
  destroy(): void {
    this.config.requestHandler.destroy?.();
    this.config.destroyed = true;
  }
}
