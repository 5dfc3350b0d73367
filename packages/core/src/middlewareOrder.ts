import { constructStack } from "@smithy/middleware-stack";
import type { MiddlewareStack, Pluggable } from "@smithy/types";
import { stackVersion } from "./trackedStack";

/** A middleware factory as `@smithy/middleware-stack` holds it: `(next, context) => handler`. */
export type MiddlewareFactory = (next: any, context: any) => any;

/** What a command class contributes to the chain, beside the client's stack and its own. */
export interface CommandPlugins<C> {
  /** Plugins added for every command of this class (endpoint, validation). Called once per client. */
  plugins(config: C): Pluggable<any, any>[];
}

/**
 * The factories of `stacks`, concatenated as `concat` would, in the order `resolve` would call them (innermost
 * first). The stack library does the ordering (and prints it, where `identifyOnResolve` asks); we only record
 * its answer so it can be replayed on every call.
 */
export function orderMiddleware(stacks: readonly MiddlewareStack<any, any>[]): MiddlewareFactory[] {
  const order = constructStack<any, any>();
  const recorded: MiddlewareFactory[] = [];
  const wrap =
    (add: (mw: any, options: any) => void) =>
    (mw: MiddlewareFactory, { middleware, ...options }: any) =>
      add((next: unknown) => (recorded.push(mw), next), options);
  // Any stack that asks for the order to be printed turns printing on; a later one cannot turn it off.
  const target = { add: wrap(order.add), addRelativeTo: wrap(order.addRelativeTo), identifyOnResolve: (on?: boolean) => on && order.identifyOnResolve(true) } as any;
  for (const s of stacks) s.applyToStack(target);
  order.resolve(((args: unknown) => args) as any, {} as any);
  return recorded;
}

/** The middleware of one command class on one client: its plugins' stack, and the whole chain's order. */
export interface ClassMiddleware {
  config: object;
  /** The command class's own plugins, applied once for this client config. */
  stack: MiddlewareStack<any, any>;
  version: number;
  list: MiddlewareFactory[];
}
const cache = new WeakMap<object, Map<object, ClassMiddleware>>();

/**
 * The ordered factories of the client's stack and the command class's plugins, for one `send`. Cached per client
 * stack and command class while the client stack's change count stays the same.
 */
export function classMiddleware<C extends object>(spec: CommandPlugins<C>, config: C, clientStack: MiddlewareStack<any, any>): ClassMiddleware {
  let bySpec = cache.get(clientStack);
  if (!bySpec) cache.set(clientStack, (bySpec = new Map()));
  let entry = bySpec.get(spec);
  if (entry?.config !== config) {
    const stack = constructStack<any, any>();
    for (const plugin of spec.plugins(config)) stack.use(plugin);
    bySpec.set(spec, (entry = { config, stack, version: NaN, list: [] }));
  }
  // An untracked stack has no version; NaN never equals itself, so it is ordered afresh on every call.
  const version = stackVersion(clientStack) ?? NaN;
  if (entry.version !== version) {
    entry.version = version;
    entry.list = orderMiddleware([clientStack, entry.stack]);
  }
  return entry;
}
