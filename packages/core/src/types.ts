import type { HttpResponse } from "@smithy/types";
import type { AttemptAbortFactory } from "./attemptAbort";
import type { BodyReader } from "./readBody";
import type {
  HandlerExecutionContext,
  HttpHandlerOptions,
  Logger,
  RequestHandler,
} from "@smithy/types";

/** Time as the SDK sees it. Injected so tests move time instead of waiting for it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with an `AbortError` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options for one `client.send(command, options)` call. */
export interface SendOptions extends HttpHandlerOptions {
  /** Aborts the call: the request in flight and any retry back-off. */
  abortSignal?: AbortSignal;
  /**
   * Milliseconds one attempt may take, from sending the request to the last byte of the response body.
   * Overrides the client's `requestTimeout` for this call. 0 turns the deadline off.
   */
  requestTimeout?: number;
}

/** An AWS SDK v2 logger: `console`, a stream, anything with `log(line)` or `write(text)`. */
export interface LineLogger {
  log?: (line: string) => void;
  write?: (text: string) => void;
}

/** The part of a resolved client config that the core itself reads. */
export interface CoreResolvedConfig {
  /** Sends one HTTP request. */
  requestHandler: RequestHandler<any, HttpResponse, HttpHandlerOptions>;
  /** Receives diagnostics; never raw HTTP. */
  logger: Logger | LineLogger;
  /** Per-attempt deadline in milliseconds; 0 means none. */
  requestTimeout: number;
  /** Largest response body, in bytes, the client will read before failing the attempt. */
  maxResponseBytes: number;
  /** Reads the response body the request handler returns (a Node stream, a web stream...). */
  bodyReader: BodyReader;
  /** Makes each attempt's abort switch, in the form the request handler needs. */
  attemptAbort: AttemptAbortFactory;
  /** Set by `client.destroy()`: from then on every attempt fails with an `AbortError`, and none is sent. */
  destroyed?: boolean;
}

/** The execution context every middleware receives. It is created afresh for each `send`. */
export interface SsoContext extends HandlerExecutionContext {
  /** The caller's abort signal, so middleware that waits (retry back-off) can stop at once. */
  abortSignal?: AbortSignal;
  /** Member names whose values never leave the process in logs, messages or `toJSON`. */
  sensitiveMembers?: ReadonlySet<string>;
}
