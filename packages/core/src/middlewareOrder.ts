import { constructStack } from "@smithy/middleware-stack";
import type { MiddlewareStack, Pluggable } from "@smithy/types";
import { stackVersion } from "./trackedStack";

/** A middleware factory as `@smithy/middleware-stack` holds it: `(next, context) => handler`. */
export type MiddlewareFactory = (next: any, context: any) => any;

/** What a command class contributes to the chain, beside the client's stack and its own. */
export interface CommandPlugins<C> {
  /** Plugins added for every command of this class (serializer, deserializer, endpoint). Called once per client. */
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

interface Cached {
  config: object;
  /** The command class's own plugins, applied once for this client config. */
  classStack: MiddlewareStack<any, any>;
  version: number;
  list: MiddlewareFactory[];
}
const cache = new WeakMap<object, Map<object, Cached>>();

/**
 * The ordered factories for one `send`: the client's stack, then the command class's plugins, then the command
 * instance's own stack. Cached per client stack and command class while the client stack's change count stays
 * the same and the command has no middleware of its own.
 */
export function middlewareFor<C extends object>(
  spec: CommandPlugins<C>,
  config: C,
  clientStack: MiddlewareStack<any, any>,
  ownStack: MiddlewareStack<any, any> | undefined,
): MiddlewareFactory[] {
  let bySpec = cache.get(clientStack);
  if (!bySpec) cache.set(clientStack, (bySpec = new Map()));
  let entry = bySpec.get(spec);
  if (entry?.config !== config) {
    const classStack = constructStack<any, any>();
    for (const plugin of spec.plugins(config)) classStack.use(plugin);
    bySpec.set(spec, (entry = { config, classStack, version: NaN, list: [] }));
  }
  if (ownStack && stackVersion(ownStack)) return orderMiddleware([clientStack, entry.classStack, ownStack]);
  // An untracked stack has no version; NaN never equals itself, so it is ordered afresh on every call.
  const version = stackVersion(clientStack) ?? NaN;
  if (entry.version !== version) {
    entry.version = version;
    entry.list = orderMiddleware([clientStack, entry.classStack]);
  }
  return entry.list;
}
