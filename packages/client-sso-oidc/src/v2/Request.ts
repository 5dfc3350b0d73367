import type { HttpRequest, MiddlewareStack } from "@smithy/types";
import { ConfigurationError, ValidationError, type SendOptions } from "@ssokit/core";
import { validateInput } from "../validation/validateInput";
import { expectCall } from "./callState";
import { Endpoint, endpointTarget } from "./Endpoint";
import { getEndpointOverridePlugin } from "./endpointOverrideMiddleware";
import { loadSigning, operationOf, OPERATIONS, type Operation } from "./operations";
import { printableRequest } from "./printable";
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
export type CommandClass = new (input: any) => { input: object; middlewareStack: MiddlewareStack<any, any> };

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
  /** This SDK's `send` options (an `abortSignal`, a `requestTimeout`), where the method was given them. */
  sendOptions?: SendOptions;
  /** Whether the call is signed: made by `makeRequest`, not `makeUnauthenticatedRequest`. */
  private authenticated = true;
  /** Where the call goes: the client's `endpoint` when the request was made, copied, as v2 copies it. */
  private readonly endpoint: Endpoint | undefined;
  private readonly controller = new AbortController();
  private started = false;
  private finished = false;

  constructor(service: SSOOIDC, operation: string, params: Record<string, any>) {
    super();
    this.service = service;
    this.operation = operation;
    this.params = params;
    this.httpRequest = { method: "POST", protocol: "", hostname: "", path: "/", query: {}, headers: {}, body: "" };
    this.startTime = new Date(service.resolved.clock.now());
    this.response = new Response(this, service.config.maxRedirects);
    this.endpoint = service.endpoint === undefined ? undefined : new Endpoint(service.endpoint, service.config);
  }

  /** Makes the call unsigned, as `makeUnauthenticatedRequest` does; CreateTokenWithIAM is signed whatever this says. */
  toUnauthenticated(): this {
    this.authenticated = false;
    return this;
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
    // A signal passed in the options aborts the call too.
    const given = this.sendOptions?.abortSignal as AbortSignal | undefined;
    const abort = () => this.controller.abort();
    if (given?.aborted) abort();
    given?.addEventListener("abort", abort);
    const response = this.response;
    let thrown: unknown;
    try {
      const operation = operationOf(this.operation);
      const Command = operation?.command();
      // The three unsigned commands are at hand: the call starts now, so `validate` fires within `send()`.
      const output = await (Command instanceof Promise ? Command.then((c) => this.call(operation!, c)) : this.call(operation, Command));
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

  /** Sends the command of `operation`, made from `params`, signed if the request is; v2's request events fire from the stack. */
  private call(operation: Operation | undefined, Command: CommandClass | undefined): Promise<unknown> {
    if (!operation || !Command) return this.unknownOperation();
    // Not an object (v2 code that passed a string): refused as parameter validation refuses it, before anything runs.
    if (this.params === null || typeof this.params !== "object") return Promise.reject(new ValidationError(validateInput(this.params, {})));
    const command = new Command(this.params);
    expectCall(command.input, this);
    // An endpoint assigned to the client (or changed) after it was made: this request goes where it said then.
    const target = this.endpoint && endpointTarget(this.endpoint);
    if (target && target !== this.service.endpointTarget) command.middlewareStack.use(getEndpointOverridePlugin(target));
    const send = () => this.service.send(command as never, { ...this.sendOptions, abortSignal: this.controller.signal });
    // `makeRequest` signs any operation, as v2's does; the signer loads on first use.
    if (!this.authenticated || operation.signed) return send();
    return loadSigning().then(({ getHttpSigningPlugin }) => {
      command.middlewareStack.use(getHttpSigningPlugin(this.service.resolved, { signingName: "sso-oauth" }));
      return send();
    });
  }

  /** A call of an operation SSO OIDC does not have: its `validate` listeners run, as in v2, then it fails. */
  private async unknownOperation(): Promise<never> {
    await fire(this, "validate", [this]);
    throw new ConfigurationError(
      "UnknownOperation",
      `SSO OIDC has no operation ${JSON.stringify(this.operation)}; makeRequest takes ${Object.keys(OPERATIONS).join(", ")}.`,
    );
  }

  /** What printing the request shows: its secrets (params, body, signature) masked. */
  toJSON(): unknown {
    return printableRequest(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): unknown {
    return this.toJSON();
  }

  /** @internal Whether the call is signed: made by `makeRequest`, or of the signed operation. */
  get signed(): boolean {
    return this.authenticated || operationOf(this.operation)?.signed === true;
  }
}
