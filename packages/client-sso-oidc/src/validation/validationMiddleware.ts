import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Pluggable } from "@smithy/types";
import { ValidationError } from "@ssokit/core";
import type { InputShape } from "../protocol/inputShape";
import { validateInput, type ConstraintChecks } from "./validateInput";

/** Makes the validation plugin for an operation's input shape; given to the client as `inputValidation`. */
export type InputValidation = (shape: InputShape) => Pluggable<any, any>;

/** Checks the input against the model before anything is sent; all problems at once, as one `ValidationError`. */
export const validationMiddleware =
  (shape: InputShape, checks: ConstraintChecks): InitializeMiddleware<any, any> =>
  (next) =>
  (args) => {
    const problems = validateInput(args.input, shape, checks);
    if (problems.length) return Promise.reject(new ValidationError(problems));
    return next(args);
  };

/**
 * Initialize step, after the logger: a refused input is logged like any failed call, and nothing after it runs
 * (no endpoint, no request), as with the AWS SDK v2's `paramValidation`.
 */
export const validationMiddlewareOptions: InitializeHandlerOptions & AbsoluteLocation = {
  name: "validationMiddleware",
  step: "initialize",
  priority: "normal",
  tags: ["VALIDATION"],
  override: true,
};

/**
 * `paramValidation` as the AWS SDK v2 took it: `true` checks presence, types, unknown members and minimum
 * lengths; an object switches `min`, `max`, `pattern` and `enum` one by one; `false` checks nothing. Pass the
 * result as the client's `inputValidation`.
 */
export function paramValidation(checks: boolean | ConstraintChecks = true): InputValidation | undefined {
  if (checks === false) return undefined;
  const constraints = checks === true ? { min: true } : checks;
  return (shape) => ({ applyToStack: (stack) => stack.add(validationMiddleware(shape, constraints), validationMiddlewareOptions) });
}
