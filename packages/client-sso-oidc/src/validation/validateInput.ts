import type { ValidationProblem } from "@ssokit/core";
import type { InputShape, MemberRule } from "../protocol/inputShape";

/** Which of the model's constraints to check, beside presence, type and unknown members (always checked). */
export interface ConstraintChecks {
  /** Minimum lengths (what `paramValidation: true` checks). */
  min?: boolean;
  /** Maximum lengths. */
  max?: boolean;
  /** Patterns. */
  pattern?: boolean;
  /** Enum values. */
  enum?: boolean;
}

/**
 * Every problem of `input` against `shape`, as AWS SDK v2's `paramValidation` finds them: missing required
 * members, wrong types, unknown members, and the constraints switched on in `checks`. Messages never quote a value.
 */
export function validateInput(input: unknown, shape: InputShape, checks: ConstraintChecks = {}): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (path: string, code: ValidationProblem["code"], message: string) => problems.push({ path, code, message });
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    add("params", "InvalidParameterType", "params must be an object");
    return problems;
  }
  const values = input as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) add(`params.${key}`, "UnexpectedParameter", `params.${key} is not a member of this operation`);
  }
  const checkLength = (path: string, length: number, rule: MemberRule, unit: string) => {
    if (checks.min && rule.min !== undefined && length < rule.min) add(path, "MinLengthError", `${path} must have at least ${rule.min} ${unit}`);
    if (checks.max && rule.max !== undefined && length > rule.max) add(path, "MaxLengthError", `${path} must have at most ${rule.max} ${unit}`);
  };
  const checkString = (path: string, value: unknown, rule: MemberRule) => {
    if (typeof value !== "string") return add(path, "InvalidParameterType", `${path} must be a string, not ${Array.isArray(value) ? "an array" : typeof value}`);
    checkLength(path, value.length, rule, "characters");
    if (checks.pattern && rule.pattern !== undefined && !new RegExp(rule.pattern, "u").test(value)) add(path, "PatternMatchError", `${path} must match ${rule.pattern}`);
    if (checks.enum && rule.enum !== undefined && !rule.enum.includes(value)) add(path, "EnumError", `${path} must be one of ${rule.enum.join(", ")}`);
  };
  for (const [member, rule] of Object.entries(shape)) {
    const path = `params.${member}`;
    const value = values[member];
    if (value === undefined || value === null) {
      if (rule.required) add(path, "MissingRequiredParameter", `${path} is required`);
      continue;
    }
    if (rule.type === "string") checkString(path, value, rule);
    else if (!Array.isArray(value)) add(path, "InvalidParameterType", `${path} must be a list of strings, not ${typeof value}`);
    else {
      checkLength(path, value.length, rule, "items");
      value.forEach((item, i) => checkString(`${path}[${i}]`, item, { type: "string" }));
    }
  }
  return problems;
}
