import { constructStack } from "@smithy/middleware-stack";
import type { MiddlewareStack } from "@smithy/types";

const versions = new WeakMap<object, number>();
const MUTATORS = new Set(["add", "addRelativeTo", "remove", "removeByTag", "use", "identifyOnResolve"]);

// One handler for every tracked stack: a mutating method counts a change (identifyOnResolve only when it sets,
// so that the next send orders the stack again and the stack prints it). Everything else passes through.
const tracker: ProxyHandler<MiddlewareStack<any, any>> = {
  get(stack, key, proxy) {
    const value = Reflect.get(stack, key);
    if (typeof key !== "string" || !MUTATORS.has(key)) return value;
    return (...args: unknown[]) => {
      if (key !== "identifyOnResolve" || args.length) versions.set(proxy, versions.get(proxy)! + 1);
      return value(...args);
    };
  },
};

/**
 * A `@smithy/middleware-stack` stack that counts its changes. The client resolves the order of its middleware once
 * and reuses it until the count moves, instead of sorting the stack on every `send` as the AWS SDK does. A proxy
 * with one shared handler keeps the count for a few bytes per stack.
 */
export function createTrackedStack<I extends object, O extends object>(seed?: MiddlewareStack<any, any>): MiddlewareStack<I, O> {
  const stack = new Proxy(constructStack<I, O>(), tracker) as MiddlewareStack<I, O>;
  versions.set(stack, 0);
  if (seed) seedStack(stack, seed);
  return stack;
}

/**
 * Copies the entries of `from` into a tracked stack without counting a change: what the SDK itself puts in a
 * command's stack (as the AWS SDK v3 does on every send) does not make the command "customised".
 */
export function seedStack(stack: MiddlewareStack<any, any>, from: MiddlewareStack<any, any>): void {
  const version = versions.get(stack)!;
  from.applyToStack(stack);
  versions.set(stack, version);
}

/** The change count of a stack made by {@link createTrackedStack}; undefined for any other stack. */
export const stackVersion = (stack: object): number | undefined => versions.get(stack);
