import { constructStack } from "@smithy/middleware-stack";
import type { MiddlewareStack } from "@smithy/types";

const versions = new WeakMap<object, { v: number }>();

/**
 * A `@smithy/middleware-stack` stack that counts its changes. The client resolves the order of its middleware once
 * and reuses it until the count moves, instead of sorting the stack on every `send` as the AWS SDK does.
 */
export function createTrackedStack<I extends object, O extends object>(): MiddlewareStack<I, O> {
  const stack = constructStack<I, O>();
  const state = { v: 0 };
  versions.set(stack, state);
  const { add, addRelativeTo, remove, removeByTag } = stack;
  // `use(plugin)` reaches these through the same object, so plugins are counted too.
  stack.add = ((middleware: any, options?: any) => {
    state.v++;
    return add(middleware, options);
  }) as typeof stack.add;
  stack.addRelativeTo = ((middleware: any, options: any) => {
    state.v++;
    return addRelativeTo(middleware, options);
  }) as typeof stack.addRelativeTo;
  stack.remove = (toRemove) => {
    state.v++;
    return remove(toRemove);
  };
  stack.removeByTag = (tag) => {
    state.v++;
    return removeByTag(tag);
  };
  return stack;
}

/** The change count of a stack made by {@link createTrackedStack}; undefined for any other stack. */
export const stackVersion = (stack: object): number | undefined => versions.get(stack)?.v;
