import { SdkError, type SdkErrorOptions } from "./SdkError";

/** The caller's `abortSignal` fired. Never retried. */
export class AbortError extends SdkError {
  override readonly name = "AbortError";

  constructor(message = "Aborted by abortSignal.", options?: SdkErrorOptions) {
    super("RequestAborted", message, options);
  }
}

export const isAbortError = (e: unknown): e is AbortError => (e as Error | undefined)?.name === "AbortError";
