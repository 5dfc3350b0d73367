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
 * first). The stack library does the ordering; we only record its answer so it can be replayed per call.
 */
export function orderMiddleware(stacks: readonly MiddlewareStack<any, any>[]): MiddlewareFactory[] {
  const order = constructStack<any, any>();
  const recorded: MiddlewareFactory[] = [];
  const record = (mw: MiddlewareFactory) => (next: unknown) => {
    recorded.push(mw);
    return next;
  };
  const options = (o: Record<string, unknown>) => {
    const { middleware: _replaced, ...rest } = o;
    return rest;
  };
  const target = {
    add: (mw: MiddlewareFactory, o: Record<string, unknown>) => order.add(record(mw) as any, options(o)),
    addRelativeTo: (mw: MiddlewareFactory, o: Record<string, unknown>) => order.addRelativeTo(record(mw) as any, options(o) as any),
    identifyOnResolve: () => false,
  } as unknown as MiddlewareStack<any, any>;
  for (const s of stacks) s.applyToStack(target);
  order.resolve(((args: unknown) => args) as any, {} as any);
  return recorded;
}

const classStacks = new WeakMap<object, Map<object, MiddlewareStack<any, any>>>();

/** The stack of a command class's own plugins for one client config, built once. */
export function commandClassStack<C extends object>(spec: CommandPlugins<C>, config: C): MiddlewareStack<any, any> {
  let bySpec = classStacks.get(config);
  if (!bySpec) classStacks.set(config, (bySpec = new Map()));
  let stack = bySpec.get(spec);
  if (!stack) {
    stack = constructStack<any, any>();
    for (const plugin of spec.plugins(config)) stack.use(plugin);
    bySpec.set(spec, stack);
  }
  return stack;
}

interface CachedOrder {
  version: number;
  config: object;
  list: MiddlewareFactory[];
}
const orders = new WeakMap<object, Map<object, CachedOrder>>();

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
  const classStack = commandClassStack(spec, config);
  const version = stackVersion(clientStack);
  if (ownStack !== undefined && stackVersion(ownStack) !== 0) return orderMiddleware([clientStack, classStack, ownStack]);
  if (version === undefined) return orderMiddleware([clientStack, classStack]);
  let bySpec = orders.get(clientStack);
  if (!bySpec) orders.set(clientStack, (bySpec = new Map()));
  let cached = bySpec.get(spec);
  if (!cached || cached.version !== version || cached.config !== config) {
    cached = { version, config, list: orderMiddleware([clientStack, classStack]) };
    bySpec.set(spec, cached);
  }
  return cached.list;
}
