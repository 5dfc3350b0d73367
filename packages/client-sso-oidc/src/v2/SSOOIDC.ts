import type { AwsCredentialIdentityProvider, Logger } from "@smithy/types";
import { ConfigurationError, getClockSkewPlugin, getRedirectPlugin, type LineLogger, type SendOptions } from "@ssokit/core";
import { getLineLoggerPlugin } from "@ssokit/middleware-logger";
import type { CreateTokenCommandInput, CreateTokenCommandOutput } from "../commands/CreateTokenCommand";
import type { CreateTokenWithIAMCommandInput, CreateTokenWithIAMCommandOutput } from "../commands/CreateTokenWithIAMCommand";
import type { RegisterClientCommandInput, RegisterClientCommandOutput } from "../commands/RegisterClientCommand";
import type { StartDeviceAuthorizationCommandInput, StartDeviceAuthorizationCommandOutput } from "../commands/StartDeviceAuthorizationCommand";
import { SSOOIDCClient, type SSOOIDCClientConfig, type SSOOIDCClientResolvedConfig } from "../SSOOIDCClient";
import { getAttemptEventsPlugin } from "./attemptEventsMiddleware";
import { getBuildEventPlugin } from "./buildEventMiddleware";
import type { Config } from "./Config";
import type { Endpoint } from "./Endpoint";
import { honorRetryable } from "./honorRetryable";
import { getHttpEventsPlugin } from "./httpEventsMiddleware";
import { operationOf } from "./operations";
import { Request, type Callback } from "./Request";
import { getValidateEventPlugin } from "./validateEventMiddleware";
import { v2Error } from "./v2Error";
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

/** A hook run on every request the client makes, as v2's `customizeRequests` takes it. */
export type RequestHandler = (this: SSOOIDC, request: Request) => void;

// `config` is v2's here, not the client's: the base class is typed without it (at run time it is SSOOIDCClient).
const Base = SSOOIDCClient as unknown as new (config: SSOOIDCClientConfig) => Omit<SSOOIDCClient, "config" | "send" | "destroy">;

/**
 * The AWS SDK v2's `AWS.SSOOIDC`, on this SDK: `new SSOOIDC(options)` takes the v2 options, `config` holds them as
 * v2's `AWS.Config` does, `endpoint` says where requests go, and each operation is a method that returns v2's
 * `AWS.Request`: sent by `send([callback])` or `promise()`, or at once when the method is given a callback.
 * `makeRequest` and `makeUnauthenticatedRequest` call an operation by name; `setupRequestListeners(request)`, which
 * subclasses override, and `customizeRequests` handlers see every request first. The request events fire from
 * middleware on the client's stack. It is also an `SSOOIDCClient`, so `send(command)` works too. Import it only
 * where wanted: a bundle of `SSOOIDCClient` and one command does not contain it.
 */
export class SSOOIDC extends Base {
  /** The API versions of SSO OIDC, as v2's `AWS.SSOOIDC.apiVersions` lists them. */
  static readonly apiVersions: readonly string[] = ["2019-06-10"];

  /** The options as v2's `AWS.Config` holds them, v2's defaults included. Printing it masks secrets. */
  readonly config: Config;
  /**
   * Where requests go, as v2's `AWS.Endpoint` (`href`, `protocol`, `hostname`, `host`, `port`, `path`). Assigning
   * another endpoint (or a URL string) sends the requests made afterwards there. Undefined until the region is
   * known, where it is given as a provider, and when there is neither a region nor an endpoint.
   */
  endpoint: Endpoint | string | undefined;
  /** @internal The config the commands run with: the AWS SDK v3 client's, resolved from the v2 options. */
  declare readonly resolved: SSOOIDCClientResolvedConfig;
  /** @internal Where the client's config sends requests; a request whose endpoint differs is redirected. */
  declare readonly endpointTarget: string | undefined;
  /** The hook `customizeRequests` set on this client. */
  customRequestHandler?: RequestHandler | null;

  constructor(options: SSOOIDCOptions = {}) {
    const v2 = fromV2Options(options);
    super(v2.config);
    const resolved = (this as unknown as SSOOIDCClient).config;
    Object.defineProperty(this, "resolved", { value: resolved });
    Object.defineProperty(this, "endpointTarget", { value: v2.target });
    this.config = v2.v2;
    this.endpoint = v2.endpoint;
    const config = this.config;
    // The signer's clock offset is v2's `config.systemClockOffset`, which corrections also update.
    Object.defineProperty(resolved, "systemClockOffset", { get: () => config.systemClockOffset, set: (value: number) => (config.systemClockOffset = value), enumerable: true });
    // Signed calls take their keys as v2 does, from `config.credentials` or `config.credentialProvider` as they are
    // at each call; with neither, from the client's default chain.
    const fallback = resolved.credentials;
    resolved.credentials = (() => config.signingKeys(fallback)) as AwsCredentialIdentityProvider;
    // A retry listener's verdict on an error (retryable, retryDelay) is the last word, as in v2.
    resolved.retryStrategy = honorRetryable(resolved.retryStrategy);
    // A v2 logger (only log or write) gets v2's one line per call; a structured one is served by loggerMiddleware.
    const logger = resolved.logger;
    if (typeof (logger as Logger).info !== "function" && logger !== undefined) this.middlewareStack.use(getLineLoggerPlugin(logger as LineLogger));
    // The request events, in the order they fire; the HTTP events innermost, after redirects and clock skew.
    this.middlewareStack.use(getValidateEventPlugin());
    this.middlewareStack.use(getBuildEventPlugin());
    this.middlewareStack.use(getAttemptEventsPlugin());
    if (config.maxRedirects > 0) this.middlewareStack.use(getRedirectPlugin({ maxRedirects: config.maxRedirects }));
    if (config.correctClockSkew) this.middlewareStack.use(getClockSkewPlugin(resolved as unknown as { systemClockOffset: number }));
    this.middlewareStack.use(getHttpEventsPlugin());
  }

  /** Sends a command, as `SSOOIDCClient.send` does (with the client's config: `config` is v2's here). */
  declare send: SSOOIDCClient["send"];

  /** Closes the request handler's pooled connections. The client must not be used afterwards. */
  destroy(): void {
    SSOOIDCClient.prototype.destroy.call(clientView(this));
  }

  registerClient(...args: OperationArgs<RegisterClientCommandInput, RegisterClientCommandOutput>): Request<RegisterClientCommandOutput> {
    return this.operationRequest("registerClient", args);
  }

  startDeviceAuthorization(...args: OperationArgs<StartDeviceAuthorizationCommandInput, StartDeviceAuthorizationCommandOutput>): Request<StartDeviceAuthorizationCommandOutput> {
    return this.operationRequest("startDeviceAuthorization", args);
  }

  createToken(...args: OperationArgs<CreateTokenCommandInput, CreateTokenCommandOutput>): Request<CreateTokenCommandOutput> {
    return this.operationRequest("createToken", args);
  }

  /** CreateTokenWithIAM, signed with the AWS credentials of `config` (see `credentials`); the signer loads on first use. */
  createTokenWithIAM(...args: OperationArgs<CreateTokenWithIAMCommandInput, CreateTokenWithIAMCommandOutput>): Request<CreateTokenWithIAMCommandOutput> {
    return this.operationRequest("createTokenWithIAM", args);
  }

  /**
   * v2's `makeRequest(operation, params, callback)`: the request of an operation named as its method is
   * (`"createToken"`), signed with the client's AWS credentials. Bound `params` fill the members of the operation's
   * input that `params` leaves null or undefined. Sent at once when given a callback.
   */
  makeRequest<O = any>(operation: string, params?: Record<string, any> | null | Callback<O>, callback?: Callback<O>): Request<O> {
    if (typeof params === "function") [params, callback] = [null, params as Callback<O>];
    // v2 takes any falsy params as none.
    const request = new Request<O>(this, operation, this.withBoundParams(operation, params || {}));
    this.setupRequestListeners(request);
    const shared = (this.constructor as typeof SSOOIDC).prototype.customRequestHandler;
    if (typeof shared === "function") shared.call(this, request);
    if (Object.prototype.hasOwnProperty.call(this, "customRequestHandler") && typeof this.customRequestHandler === "function") this.customRequestHandler.call(this, request);
    if (callback) request.send(callback);
    return request;
  }

  /** v2's `makeUnauthenticatedRequest`: `makeRequest` without signing, as the three unsigned operations' methods call it. */
  makeUnauthenticatedRequest<O = any>(operation: string, params?: Record<string, any> | null | Callback<O>, callback?: Callback<O>): Request<O> {
    if (typeof params === "function") [params, callback] = [{}, params as Callback<O>];
    const request = this.makeRequest<O>(operation, params).toUnauthenticated();
    if (callback) request.send(callback);
    return request;
  }

  /** Adds listeners to every request the client makes, before it is returned; a no-op here, for subclasses to override. */
  setupRequestListeners(request: Request): void {
    void request;
  }

  /** Runs `handler` on every request the client makes (after `setupRequestListeners`); `null` removes it. */
  customizeRequests(handler?: RequestHandler | null): void {
    if (handler && typeof handler !== "function") throw new ConfigurationError("InvalidCallback", `customizeRequests takes a function, not ${typeof handler}.`);
    this.customRequestHandler = handler ?? null;
  }

  /** v2's `waitFor(state)`: SSO OIDC has no waiters, so every state is unknown, as in v2. */
  waitFor(state: string, ...rest: unknown[]): never {
    void rest;
    throw v2Error(new ConfigurationError("StateNotFoundError", `State ${state} not found.`));
  }

  /** The request of one operation method, with this SDK's send options where given; sent at once if given a callback. */
  private operationRequest<O>(operation: string, [params, optionsOrCallback, callback]: unknown[]): Request<O> {
    if (typeof params === "function") [params, callback] = [undefined, params];
    const options = typeof optionsOrCallback === "function" ? undefined : (optionsOrCallback as SendOptions | undefined);
    callback = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
    const make = operationOf(operation)!.signed ? this.makeRequest : this.makeUnauthenticatedRequest;
    const request = make.call(this, operation, params as Record<string, any> | undefined) as Request<O>;
    request.sendOptions = options;
    if (typeof callback === "function") request.send(callback as Callback<O>);
    return request;
  }

  /** `params` with the bound parameters that are members of the operation's input and that `params` leaves unset. */
  private withBoundParams(operation: string, params: Record<string, any>): Record<string, any> {
    const bound = this.config.params;
    const members = operationOf(operation)?.members;
    if (!bound || !members || typeof params !== "object") return params;
    const merged = { ...params };
    for (const [key, value] of Object.entries(bound)) if (members.includes(key) && merged[key] == null) merged[key] = value;
    return merged;
  }

  /** Bound parameters (`config.params`). */
  get params(): Record<string, unknown> {
    return this.config.params ?? {};
  }
}

/** The client as `SSOOIDCClient`'s own methods see it: its config is the resolved one. */
const clientView = (client: SSOOIDC) => ({ config: client.resolved, middlewareStack: client.middlewareStack });

SSOOIDC.prototype.send = function (this: SSOOIDC, ...args: unknown[]) {
  return (SSOOIDCClient.prototype.send as (...a: unknown[]) => unknown).apply(clientView(this), args);
} as SSOOIDCClient["send"];
