import { NodeHttpHandler, type NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import type { HttpHandlerOptions } from "@smithy/types";

/** The handler's options, and the http proxy to send through, if any. */
export type DeferredOptions = NodeHttpHandlerOptions & { proxy?: string };
/** What NodeHttpHandler keeps private and this subclass changes. */
interface Internals {
  /** The options as given until the first request, then the config resolved from them. */
  configProvider: Promise<unknown>;
  resolveDefaultConfig(options: DeferredOptions): { httpAgent?: unknown; httpAgentProvider(): Promise<unknown> };
}
let Deferred: (new (options: DeferredOptions) => NodeHttpHandler) | undefined;

/**
 * A `NodeHttpHandler` that resolves its options, and so makes its agents, at its first request. As it is,
 * NodeHttpHandler resolves them in its constructor, making an `https.Agent` (1.3 KiB of heap per client) even
 * for a client that never sends, or only speaks http. Here its constructor keeps the options as given (a resolved
 * promise of them: 0.2 KiB, where a gated provider's promise chain costs 1 KiB), and the first request resolves
 * them with NodeHttpHandler's own code; changes made by `updateHttpClientConfig` before then are kept. The class
 * is made on first use, so that importing the client does not load @smithy/node-http-handler.
 */
export function deferredNodeHttpHandler(options: DeferredOptions): NodeHttpHandler {
  if (!Deferred) {
    const resolveDefaultConfig = (NodeHttpHandler.prototype as unknown as Internals).resolveDefaultConfig;
    Deferred = class DeferredNodeHttpHandler extends NodeHttpHandler {
      // Not a field: a field would be a slot in every client, sent or not.
      declare private started?: 1;

      override handle(request: Parameters<NodeHttpHandler["handle"]>[0], handlerOptions?: HttpHandlerOptions) {
        if (!this.started) {
          this.started = 1;
          (this as unknown as Internals).configProvider = (this as unknown as Internals).configProvider.then(async (given) => {
            // The proxy's agents load only for clients that use a proxy.
            const config = resolveDefaultConfig.call(this, (given as DeferredOptions).proxy ? (await import("./proxyAgent")).withProxyAgents(given as DeferredOptions) : (given as DeferredOptions));
            // NodeHttpHandler makes its http agent when a request needs it, once per request that finds none: first
            // requests sent together would each make one, and all but one would outlive destroy() with open sockets.
            config.httpAgent = await config.httpAgentProvider();
            return config;
          });
        }
        return super.handle(request, handlerOptions);
      }
    };
    // Called by NodeHttpHandler's constructor only.
    (Deferred.prototype as unknown as { resolveDefaultConfig(given: DeferredOptions): DeferredOptions }).resolveDefaultConfig = (given) => given;
  }
  return new Deferred(options);
}
