import { SdkError } from "./SdkError";

/** One problem with a command's input, as parameter validation finds it. */
export interface ValidationProblem {
  /** Where: `params.clientId`, `params.scopes[2]`. */
  path: string;
  code:
    | "MissingRequiredParameter"
    | "InvalidParameterType"
    | "UnexpectedParameter"
    | "MinLengthError"
    | "MaxLengthError"
    | "PatternMatchError"
    | "EnumError";
  message: string;
}

/**
 * The input of a command does not match the model; nothing was sent. `errors` lists every problem with its path;
 * the message says them all. Values are never quoted (they may be secrets). `code`: `InvalidParameters`.
 */
export class ValidationError extends SdkError {
  override readonly name = "ValidationError";
  readonly errors: ValidationProblem[];

  constructor(errors: ValidationProblem[]) {
    super(
      "InvalidParameters",
      `${errors.length === 1 ? "1 problem" : `${errors.length} problems`} with the input, nothing was sent: ${errors.map((e) => e.message).join("; ")}.`,
    );
    this.errors = errors;
  }
}

export const isValidationError = (e: unknown): e is ValidationError => (e as Error | undefined)?.name === "ValidationError";
