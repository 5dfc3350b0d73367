import { NodeHttpHandler, type NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import type { HttpHandlerOptions, Provider } from "@smithy/types";

type Options = NodeHttpHandlerOptions | Provider<NodeHttpHandlerOptions>;
let Deferred: (new (options: Options) => NodeHttpHandler) | undefined;

/**
 * A `NodeHttpHandler` that takes its options, and so makes its agents, at its first request. As it is,
 * NodeHttpHandler makes an `https.Agent` as soon as it has its options (1.3 KiB of heap per client), even for a
 * client that never sends, or only speaks http. The class is made on first use, so that importing the client
 * does not load @smithy/node-http-handler.
 */
export function deferredNodeHttpHandler(options: Options): NodeHttpHandler {
  Deferred ??= class DeferredNodeHttpHandler extends NodeHttpHandler {
    private readonly start: () => void;

    constructor(options: Options) {
      let start!: () => void;
      // NodeHttpHandler calls this provider at once, and takes the options when the promise settles.
      super(() => new Promise((resolve) => (start = () => resolve(typeof options === "function" ? options() : options))));
      this.start = start;
    }

    override handle(request: Parameters<NodeHttpHandler["handle"]>[0], handlerOptions?: HttpHandlerOptions) {
      this.start();
      return super.handle(request, handlerOptions);
    }
  };
  return new Deferred(options);
}
