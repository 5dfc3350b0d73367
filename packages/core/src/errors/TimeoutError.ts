import { SdkError, type SdkErrorOptions } from "./SdkError";

/** An attempt did not complete within `requestTimeout` (or the connection within `connectionTimeout`). Retried. */
export class TimeoutError extends SdkError {
  override readonly name = "TimeoutError";

  constructor(message: string, options?: SdkErrorOptions & { code?: string }) {
    super(options?.code ?? "RequestTimeout", message, options);
  }
}

export const isTimeoutError = (e: unknown): e is TimeoutError => (e as Error | undefined)?.name === "TimeoutError";
