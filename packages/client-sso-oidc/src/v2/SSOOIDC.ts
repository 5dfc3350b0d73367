import type { Logger } from "@smithy/types";
import { getClockSkewPlugin, getRedirectPlugin, type LineLogger, type SendOptions } from "@ssokit/core";
import { getLineLoggerPlugin } from "@ssokit/middleware-logger";
import { CreateTokenCommand, type CreateTokenCommandInput, type CreateTokenCommandOutput } from "../commands/CreateTokenCommand";
import { RegisterClientCommand, type RegisterClientCommandInput, type RegisterClientCommandOutput } from "../commands/RegisterClientCommand";
import {
  StartDeviceAuthorizationCommand,
  type StartDeviceAuthorizationCommandInput,
  type StartDeviceAuthorizationCommandOutput,
} from "../commands/StartDeviceAuthorizationCommand";
import { SSOOIDCClient } from "../SSOOIDCClient";
import { getAttemptEventsPlugin } from "./attemptEventsMiddleware";
import { getBuildEventPlugin } from "./buildEventMiddleware";
import { honorRetryable } from "./honorRetryable";
import { getHttpEventsPlugin } from "./httpEventsMiddleware";
import { Request, type Callback, type CommandClass } from "./Request";
import { getValidateEventPlugin } from "./validateEventMiddleware";
import { fromV2Options, type SSOOIDCOptions } from "./v2Options";

/**
 * The arguments of a v2 method: `(params)`, `(params, callback)`, `(callback)`, and this SDK's `(params, options)`
 * and `(params, options, callback)`, where options are `send`'s (an `abortSignal`, a `requestTimeout`).
 */
export type OperationArgs<I, O> =
  | [params?: I, options?: SendOptions]
  | [params: I, callback: Callback<O>]
  | [params: I, options: SendOptions | undefined, callback: Callback<O>]
  | [callback: Callback<O>];

/**
 * The AWS SDK v2's `AWS.SSOOIDC`, on this SDK: `new SSOOIDC(options)` takes the v2 options, and each operation is a
 * method that returns v2's `AWS.Request`: sent by `send([callback])` or `promise()`, or at once when the method is
 * given a callback. Its events fire from middleware on the client's stack. It is also an `SSOOIDCClient`, so
 * `send(command)` works too. Import it only where wanted: a bundle of `SSOOIDCClient` and one command does not
 * contain it.
 */
export class SSOOIDC extends SSOOIDCClient {
  /** Parameters bound to every call. */
  readonly params: Record<string, unknown>;
  private readonly maxRedirects: number;

  constructor(options: SSOOIDCOptions = {}) {
    const v2 = fromV2Options(options);
    super(v2.config);
    this.params = v2.params;
    this.maxRedirects = v2.maxRedirects;
    v2.attempts.provider = this.config.maxAttempts;
    // v2 code reads and sets config.systemClockOffset; the client's clock adds whatever it holds.
    Object.defineProperty(this.config, "systemClockOffset", {
      get: () => v2.skew.offset,
      set: (value: number) => (v2.skew.offset = value),
      enumerable: true,
    });
    // A retry listener's verdict on an error (retryable, retryDelay) is the last word, as in v2.
    this.config.retryStrategy = honorRetryable(this.config.retryStrategy);
    // A v2 logger (only log or write) gets v2's one line per call; a structured one is served by loggerMiddleware.
    const logger = this.config.logger;
    if (typeof (logger as Logger).info !== "function" && logger !== undefined) this.middlewareStack.use(getLineLoggerPlugin(logger as LineLogger));
    // The request events, in the order they fire; the HTTP events innermost, after redirects and clock skew.
    this.middlewareStack.use(getValidateEventPlugin());
    this.middlewareStack.use(getBuildEventPlugin());
    this.middlewareStack.use(getAttemptEventsPlugin());
    if (v2.maxRedirects > 0) this.middlewareStack.use(getRedirectPlugin({ maxRedirects: v2.maxRedirects }));
    if (v2.correctClockSkew) this.middlewareStack.use(getClockSkewPlugin(this.config as unknown as { systemClockOffset: number }));
    this.middlewareStack.use(getHttpEventsPlugin());
  }

  registerClient(...args: OperationArgs<RegisterClientCommandInput, RegisterClientCommandOutput>): Request<RegisterClientCommandOutput> {
    return this.operationRequest(RegisterClientCommand, "registerClient", args);
  }

  startDeviceAuthorization(...args: OperationArgs<StartDeviceAuthorizationCommandInput, StartDeviceAuthorizationCommandOutput>): Request<StartDeviceAuthorizationCommandOutput> {
    return this.operationRequest(StartDeviceAuthorizationCommand, "startDeviceAuthorization", args);
  }

  createToken(...args: OperationArgs<CreateTokenCommandInput, CreateTokenCommandOutput>): Request<CreateTokenCommandOutput> {
    return this.operationRequest(CreateTokenCommand, "createToken", args);
  }

  /** The request of one operation method: bound parameters under the call's own, sent at once if given a callback. */
  private operationRequest<O>(Command: CommandClass, operation: string, [params, optionsOrCallback, callback]: unknown[]): Request<O> {
    if (typeof params === "function") [params, callback] = [undefined, params];
    const options = typeof optionsOrCallback === "function" ? undefined : (optionsOrCallback as SendOptions | undefined);
    callback = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
    const request = new Request<O>(this, operation, { ...this.params, ...(params as object) }, Command, options, this.maxRedirects);
    if (typeof callback === "function") request.send(callback as Callback<O>);
    return request;
  }
}
