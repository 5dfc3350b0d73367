import { constructStack } from "@smithy/middleware-stack";
import type { MiddlewareStack } from "@smithy/types";

const versions = new WeakMap<object, number>();

/**
 * A `@smithy/middleware-stack` stack that counts its changes. The client resolves the order of its middleware once
 * and reuses it until the count moves, instead of sorting the stack on every `send` as the AWS SDK does.
 */
export function createTrackedStack<I extends object, O extends object>(): MiddlewareStack<I, O> {
  const stack: any = constructStack<I, O>();
  versions.set(stack, 0);
  // `use(plugin)` reaches these through the same object, so plugins are counted too. identifyOnResolve counts
  // when it sets, so the next send resolves the order again and the stack prints it.
  for (const method of ["add", "addRelativeTo", "remove", "removeByTag", "identifyOnResolve"]) {
    const original = stack[method];
    stack[method] = (...args: unknown[]) => {
      if (method !== "identifyOnResolve" || args.length) versions.set(stack, versions.get(stack)! + 1);
      return original(...args);
    };
  }
  return stack;
}

/** The change count of a stack made by {@link createTrackedStack}; undefined for any other stack. */
export const stackVersion = (stack: object): number | undefined => versions.get(stack);
