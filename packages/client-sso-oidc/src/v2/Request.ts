import type { HttpRequest } from "@smithy/types";
import type { SendOptions } from "@ssokit/core";
import { expectCall } from "./callState";
import { fire, RequestEmitter } from "./RequestEmitter";
import { asV2Data, Response } from "./Response";
import type { SSOOIDC } from "./SSOOIDC";
import { v2Error, type V2Error } from "./v2Error";

/** A node-style callback, as the AWS SDK v2's methods and `send` take it; `this` is the request's response. */
export type Callback<T> = (this: Response<T>, err: any, data: T) => void;

/** The events of a v2 request and the arguments their listeners get (`this` is the request), as in v2. */
export interface RequestEvents<O> {
  validate: [request: Request<O>];
  build: [request: Request<O>];
  sign: [request: Request<O>];
  send: [response: Response<O>];
  retry: [response: Response<O>];
  httpHeaders: [statusCode: number, headers: Record<string, string>, response: Response<O>, statusMessage: string];
  httpData: [chunk: Uint8Array, response: Response<O>];
  httpDone: [response: Response<O>];
  httpError: [error: V2Error, response: Response<O>];
  extractError: [response: Response<O>];
  extractData: [response: Response<O>];
  success: [response: Response<O>];
  error: [error: V2Error, response: Response<O>];
  complete: [response: Response<O>];
}

/** A command class, as a v2 request makes its command from `request.params` when it starts. */
export type CommandClass = new (input: any) => { input: object };

/**
 * The AWS SDK v2's `AWS.Request`: what a v2 client's method returns. Nothing is sent until `send([callback])` or
 * `promise()`; each starts the call at most once, and later calls get the same outcome. Listeners added with
 * `on(event, listener)` run at v2's points of the call, which runs through the client's middleware stack like any
 * other; `abort()` stops it.
 */
export class Request<O = any> extends RequestEmitter<RequestEvents<O>> {
  /** The client whose method made this request. */
  readonly service: SSOOIDC;
  /** The operation, as the method is named: `"createToken"`. */
  readonly operation: string;
  /** The parameters, bound ones included; listeners of `validate` may change them. */
  params: Record<string, any>;
  /**
   * The HTTP request: before `build`, a blank one (headers set on it are sent); from `build` on, the request that
   * goes out (`method`, `protocol`, `hostname`, `port`, `path`, `query`, `headers`, `body`).
   */
  httpRequest: HttpRequest;
  /** When the request was made, on the client's clock. */
  readonly startTime: Date;
  readonly response: Response<O>;
  private readonly Command: CommandClass;
  private readonly options: SendOptions | undefined;
  private readonly controller = new AbortController();
  private started = false;
  private finished = false;

  constructor(service: SSOOIDC, operation: string, params: Record<string, any>, Command: CommandClass, options: SendOptions | undefined, maxRedirects: number) {
    super();
    this.service = service;
    this.operation = operation;
    this.params = params;
    this.httpRequest = { method: "POST", protocol: "", hostname: "", path: "/", query: {}, headers: {}, body: "" };
    this.startTime = new Date(service.config.clock.now());
    this.response = new Response(this, maxRedirects);
    this.Command = Command;
    this.options = options;
  }

  /**
   * Starts the call, if nothing has, and returns the response object. `callback(err, data)` is called once it is
   * over (`this` is the response), after the `complete` listeners added before it.
   */
  send(callback?: Callback<O>): Response<O> {
    if (callback) this.onceComplete((response) => callback.call(response, response.error, response.data as O));
    this.start();
    return this.response;
  }

  /** Starts the call, if nothing has; resolves to the data (with `$response`, not enumerable) or rejects with the error. */
  promise(): Promise<O & { $response: Response<O> }> {
    return new Promise((resolve, reject) => {
      this.onceComplete((response) =>
        response.error ? reject(response.error) : resolve(Object.defineProperty((response.data ?? {}) as O & { $response: Response<O> }, "$response", { value: response })),
      );
      this.start();
    });
  }

  /**
   * Stops the call: the request in flight, or the wait before a retry, ends at once, nothing is retried, and the
   * call fails with v2's abort error (`code: "RequestAbortedError"`). Before `send`, the call fails that way when
   * it starts, without sending anything. Does nothing once the call is over.
   */
  abort(): this {
    if (!this.finished) this.controller.abort();
    return this;
  }

  /** Runs `listener` with the response when the call is over: as a `complete` listener, or soon, if it is over. */
  private onceComplete(listener: (response: Response<O>) => void): void {
    if (!this.finished) this.on("complete", listener);
    else queueMicrotask(() => listener.call(this, this.response));
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** The call, through the client's middleware stack, then `success` or `error`, and `complete`. Never rejects. */
  private async run(): Promise<void> {
    const command = new this.Command(this.params);
    expectCall(command.input, this);
    // A signal passed in the options aborts the call too.
    const given = this.options?.abortSignal as AbortSignal | undefined;
    const abort = () => this.controller.abort();
    if (given?.aborted) abort();
    given?.addEventListener("abort", abort);
    const response = this.response;
    let thrown: unknown;
    try {
      const output = await this.service.send(command as never, { ...this.options, abortSignal: this.controller.signal });
      response.error = null;
      response.data = asV2Data(output as O);
      thrown = await fire(this, "success", [response]);
    } catch (e) {
      response.data = null;
      response.error = v2Error(e);
      thrown = await fire(this, "error", [response.error, response]);
    } finally {
      given?.removeEventListener("abort", abort);
    }
    this.finished = true;
    const late = await fire(this, "complete", [response]);
    thrown ??= late;
    // A listener's (or the callback's) exception is the caller's own: it surfaces as an uncaught exception, as
    // in v2, after every listener has run.
    if (thrown !== undefined) queueMicrotask(() => {
      throw thrown;
    });
  }
}
