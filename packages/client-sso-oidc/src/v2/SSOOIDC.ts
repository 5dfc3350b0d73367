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
import { fromV2Options, type SSOOIDCOptions } from "./v2Options";

/** A node-style callback, as the AWS SDK v2's methods take it. */
export type Callback<T> = (err: any, data?: T) => void;

/** A promise that also answers `.promise()`, as the AWS SDK v2's `AWS.Request` did. */
export type V2Promise<T> = Promise<T> & { promise(): Promise<T> };

/**
 * The AWS SDK v2's `AWS.SSOOIDC`, on this SDK: `new SSOOIDC(options)` takes the v2 options, and each operation is a
 * method taking `(params)`, `(params, options)`, `(params, callback)` or `(params, options, callback)`. It is also
 * an `SSOOIDCClient`, so `send(command)` works too. Import it only where wanted: a bundle of `SSOOIDCClient` and
 * one command does not contain it.
 */
export class SSOOIDC extends SSOOIDCClient {
  // In each method, the callback forms come first so that an arrow function's parameters are typed from them.
  /** Parameters bound to every call. */
  readonly params: Record<string, unknown>;

  constructor(options: SSOOIDCOptions = {}) {
    const v2 = fromV2Options(options);
    super(v2.config);
    this.params = v2.params;
    v2.attempts.provider = this.config.maxAttempts;
    // v2 code reads and sets config.systemClockOffset; the client's clock adds whatever it holds.
    Object.defineProperty(this.config, "systemClockOffset", {
      get: () => v2.skew.offset,
      set: (value: number) => (v2.skew.offset = value),
      enumerable: true,
    });
    // A v2 logger (only log or write) gets v2's one line per call; a structured one is served by loggerMiddleware.
    const logger = this.config.logger;
    if (typeof (logger as Logger).info !== "function" && logger !== undefined) this.middlewareStack.use(getLineLoggerPlugin(logger as LineLogger));
    if (v2.maxRedirects > 0) this.middlewareStack.use(getRedirectPlugin({ maxRedirects: v2.maxRedirects }));
    if (v2.correctClockSkew) this.middlewareStack.use(getClockSkewPlugin(this.config as unknown as { systemClockOffset: number }));
  }

  registerClient(params: RegisterClientCommandInput, callback: Callback<RegisterClientCommandOutput>): void;
  registerClient(params: RegisterClientCommandInput, options: SendOptions | undefined, callback: Callback<RegisterClientCommandOutput>): void;
  registerClient(params: RegisterClientCommandInput, options?: SendOptions): V2Promise<RegisterClientCommandOutput>;
  registerClient(params: RegisterClientCommandInput, a?: any, b?: any): any {
    return this.call(new RegisterClientCommand({ ...this.params, ...params } as RegisterClientCommandInput), a, b);
  }

  startDeviceAuthorization(params: StartDeviceAuthorizationCommandInput, callback: Callback<StartDeviceAuthorizationCommandOutput>): void;
  startDeviceAuthorization(
    params: StartDeviceAuthorizationCommandInput,
    options: SendOptions | undefined,
    callback: Callback<StartDeviceAuthorizationCommandOutput>,
  ): void;
  startDeviceAuthorization(params: StartDeviceAuthorizationCommandInput, options?: SendOptions): V2Promise<StartDeviceAuthorizationCommandOutput>;
  startDeviceAuthorization(params: StartDeviceAuthorizationCommandInput, a?: any, b?: any): any {
    return this.call(new StartDeviceAuthorizationCommand({ ...this.params, ...params } as StartDeviceAuthorizationCommandInput), a, b);
  }

  createToken(params: CreateTokenCommandInput, callback: Callback<CreateTokenCommandOutput>): void;
  createToken(params: CreateTokenCommandInput, options: SendOptions | undefined, callback: Callback<CreateTokenCommandOutput>): void;
  createToken(params: CreateTokenCommandInput, options?: SendOptions): V2Promise<CreateTokenCommandOutput>;
  createToken(params: CreateTokenCommandInput, a?: any, b?: any): any {
    return this.call(new CreateTokenCommand({ ...this.params, ...params } as CreateTokenCommandInput), a, b);
  }

  private call(command: any, optionsOrCallback?: SendOptions | Callback<any>, callback?: Callback<any>) {
    if (typeof optionsOrCallback === "function") return this.send(command, optionsOrCallback);
    if (typeof callback === "function") return this.send(command, optionsOrCallback, callback);
    const promise = this.send(command, optionsOrCallback);
    return Object.assign(promise, { promise: () => promise });
  }
}
