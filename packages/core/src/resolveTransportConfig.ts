import type { HttpResponse } from "@smithy/types";
import type { HttpHandlerOptions, RequestHandler } from "@smithy/types";
import { ConfigurationError } from "./errors/ConfigurationError";
import { abortController, type AttemptAbortFactory } from "./attemptAbort";
import type { BodyReader } from "./readBody";

/** Per-attempt deadline when none is set, ms. An SSO OIDC answer takes well under a second. */
export const DEFAULT_REQUEST_TIMEOUT = 30_000;
/** Largest response body read when no limit is set, bytes. SSO OIDC answers are a few kilobytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface TransportInputConfig {
  requestHandler: RequestHandler<any, HttpResponse, HttpHandlerOptions>;
  /** Reads response bodies; the runtime config picks the one for its request handler. */
  bodyReader: BodyReader;
  /** Each attempt's abort switch; the runtime config picks a cheaper one for the Node handler. @default AbortController */
  attemptAbort?: AttemptAbortFactory;
  /**
   * Milliseconds one attempt may take, from sending the request to the last byte of the response; past it the
   * attempt fails with a retryable `TimeoutError`. 0 turns the deadline off. @default 30000
   */
  requestTimeout?: number;
  /** Largest response body to read, bytes; a larger one fails with `InvalidResponseError` (`ResponseTooLarge`). @default 1048576 */
  maxResponseBytes?: number;
}

function check(name: string, value: number): number {
  if (!(value >= 0 && value < Infinity)) {
    throw new ConfigurationError("InvalidConfiguration", `${name} must be a number >= 0, not ${JSON.stringify(value)}.`);
  }
  return value;
}

export function resolveTransportConfig<T extends TransportInputConfig>(input: T): T & Required<TransportInputConfig> {
  return {
    ...input,
    attemptAbort: input.attemptAbort ?? abortController,
    requestTimeout: check("requestTimeout", input.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT),
    maxResponseBytes: check("maxResponseBytes", input.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
  };
}
