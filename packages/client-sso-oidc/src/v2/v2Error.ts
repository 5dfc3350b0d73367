import { AbortError, isAbortError } from "@ssokit/core";
import { retryErrorInfo } from "@ssokit/middleware-retry";

/** An error as v2 code reads it: this SDK's error (its class, `name`, `$metadata`...) with the fields of v2's `AWSError`. */
export type V2Error = Error & {
  /** What went wrong, as v2 names it: the service's exception name, `TimeoutError`, `NetworkingError`... */
  code: string;
  /** When the error was made. */
  time: Date;
  /** The HTTP status of the answer, where one came. */
  statusCode?: number;
  /** Whether the attempt it ended could be retried; a `retry` listener may change it. */
  retryable?: boolean;
  /** The service's request id, on errors the service answered. */
  requestId?: string;
  /** Milliseconds before the next attempt, where a `retry` listener sets it. */
  retryDelay?: number;
};

/** The message of v2's abort error, word for word: code may compare it. */
export const ABORTED_MESSAGE = "Request aborted by user";

const decorated = new WeakSet<object>();

/** v2's code for an error of this SDK: v2 code branches on these. A service exception's is its name. */
function codeOf(e: any): string {
  switch (e.name) {
    // v2 throws the problem itself when there is one, and MultipleValidationErrors listing them otherwise.
    case "ValidationError":
      return e.errors?.length === 1 ? e.errors[0].code : "MultipleValidationErrors";
    case "TimeoutError":
      return "TimeoutError";
    case "NetworkError":
      return e.code === "ENOTFOUND" ? "UnknownEndpoint" : "NetworkingError";
    case "AbortError":
      return "RequestAbortedError";
  }
  return typeof e.code === "string" ? e.code : e.name;
}

/**
 * Gives an error the fields the AWS SDK v2 puts on its errors (`code`, `time`; `statusCode` where an answer came;
 * `retryable` when it ended an attempt), once; the error keeps its class and this SDK's fields. Anything thrown
 * that is not an Error (a string from a listener) becomes one, as in v2. An aborted call gets v2's abort error.
 * `attempt` is given when the error ended an attempt: its HTTP status, if the attempt got an answer.
 */
export function v2Error(thrown: unknown, attempt?: { statusCode?: number }): V2Error {
  let e: any = thrown instanceof Error ? thrown : typeof thrown === "object" && thrown ? Object.assign(new Error((thrown as Error).message), thrown) : new Error(String(thrown));
  if (decorated.has(e)) return e;
  if (isAbortError(e) && e.message !== ABORTED_MESSAGE) e = new AbortError(ABORTED_MESSAGE, { cause: e, $metadata: e.$metadata });
  // Whether to retry is decided on this SDK's fields, before `code` changes to v2's.
  const retryable = isAbortError(e) ? false : attempt && retryErrorInfo(e, Date.now()).errorType !== "CLIENT_ERROR";
  e.code = codeOf(e);
  e.time = new Date();
  const statusCode = e.$metadata?.httpStatusCode ?? attempt?.statusCode;
  if (statusCode !== undefined) e.statusCode = statusCode;
  if (retryable !== undefined) e.retryable = retryable;
  decorated.add(e);
  return e;
}
