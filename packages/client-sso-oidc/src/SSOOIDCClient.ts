import {
  Client,
  getUserAgentPlugin,
  resolveCredentialsConfig,
  resolveRuntimeExtensions,
  resolveTransportConfig,
  resolveUserAgentConfig,
  type CoreResolvedConfig,
  type CredentialsInputConfig,
  type ExtensionsInputConfig,
  type CredentialsResolvedConfig,
  type UserAgentInputConfig,
  type UserAgentResolvedConfig,
} from "@ssokit/core";
import {
  resolveEndpointConfig,
  type EndpointInputConfig,
  type EndpointResolvedConfig,
  type EndpointResolver,
} from "@ssokit/middleware-endpoint";
import { getLoggerPlugin, resolveLoggerConfig, type LoggerInputConfig, type LoggerResolvedConfig } from "@ssokit/middleware-logger";
import { getRetryPlugin, resolveRetryConfig, type RetryInputConfig, type RetryResolvedConfig } from "@ssokit/middleware-retry";
import type { CreateTokenCommandInput, CreateTokenCommandOutput } from "./commands/CreateTokenCommand";
import type { CreateTokenWithIAMCommandInput, CreateTokenWithIAMCommandOutput } from "./commands/CreateTokenWithIAMCommand";
import type { RegisterClientCommandInput, RegisterClientCommandOutput } from "./commands/RegisterClientCommand";
import type {
  StartDeviceAuthorizationCommandInput,
  StartDeviceAuthorizationCommandOutput,
} from "./commands/StartDeviceAuthorizationCommand";
import { defaultEndpointResolver } from "./endpoint/defaultEndpointResolver";
import type { RequestHandlerInput } from "./requestHandlerOptions";
import type { InputValidation } from "./validation/validationMiddleware";
import { getRestJsonPlugin } from "./protocol/getRestJsonPlugin";
import { getRuntimeConfig } from "./runtimeConfig";

export type ServiceInputTypes =
  | CreateTokenCommandInput
  | CreateTokenWithIAMCommandInput
  | RegisterClientCommandInput
  | StartDeviceAuthorizationCommandInput;
export type ServiceOutputTypes =
  | CreateTokenCommandOutput
  | CreateTokenWithIAMCommandOutput
  | RegisterClientCommandOutput
  | StartDeviceAuthorizationCommandOutput;

/** Everything `new SSOOIDCClient(config)` takes. Every field is optional. */
export interface SSOOIDCClientConfig
  extends EndpointInputConfig,
    RetryInputConfig,
    LoggerInputConfig,
    UserAgentInputConfig,
    CredentialsInputConfig,
    ExtensionsInputConfig {
  /**
   * The request handler, or options for the default one (`requestTimeout`, `connectionTimeout`, agents).
   * @default Node: `NodeHttpHandler` with keep-alive; browsers: `FetchHttpHandler`
   */
  requestHandler?: RequestHandlerInput;
  /**
   * Milliseconds one attempt may take, sending the request to reading the last byte; past it the attempt fails
   * with a retryable `TimeoutError`. 0 turns it off. @default `requestHandler.requestTimeout`, else 30000
   */
  requestTimeout?: number;
  /** Largest response body to read, bytes. @default 1048576 */
  maxResponseBytes?: number;
  /** The endpoint rules as a function of `{ Region, UseFIPS, UseDualStack, Endpoint }`. @default the SSO OIDC rules */
  endpointProvider?: EndpointResolver;
  /**
   * Coerce output members to the model's types (`"3600"` becomes `3600`) and drop members the model does not
   * know. With false, the parsed JSON comes back as it is. @default true
   */
  convertResponseTypes?: boolean;
  /**
   * Checks every input against the model before sending, such as `paramValidation()` or `paramValidation({ max:
   * true })`. @default none (as the AWS SDK v3); the v2-style `SSOOIDC` client turns it on
   */
  inputValidation?: InputValidation;
  /**
   * Milliseconds added to this machine's clock when signing (CreateTokenWithIAM). Corrected from the service's
   * `Date` header, as v3 does; a call refused while the clocks were 4 minutes or more apart is retried. @default 0
   */
  systemClockOffset?: number;
  /** Keep `systemClockOffset` as set, whatever the service's clock says. @default false */
  disableClockSkewCorrection?: boolean;
}

export interface SSOOIDCClientResolvedConfig
  extends CoreResolvedConfig,
    EndpointResolvedConfig,
    RetryResolvedConfig,
    LoggerResolvedConfig,
    UserAgentResolvedConfig,
    CredentialsResolvedConfig {
  convertResponseTypes?: boolean;
  inputValidation?: InputValidation;
  /** The byte length of a request body (Node: `Buffer.byteLength`), as v3's config has it. */
  bodyLengthChecker: (body: string) => number;
  systemClockOffset?: number;
  disableClockSkewCorrection?: boolean;
}

/**
 * The SSO OIDC client: `await client.send(new CreateTokenCommand({...}))`, as with `@aws-sdk/client-sso-oidc`.
 * Import only the commands you use; the others stay out of your bundle.
 */
export class SSOOIDCClient extends Client<ServiceInputTypes, ServiceOutputTypes, SSOOIDCClientResolvedConfig> {
  constructor(...[configuration]: [] | [SSOOIDCClientConfig]) {
    // The runtime's defaults and request handler, then the resolve chain, which runs again for any setting a v3
    // runtime extension changes.
    const config = resolveRuntimeExtensions(getRuntimeConfig(configuration ?? {}), (runtime) => {
      const transport = resolveTransportConfig(runtime);
      const userAgent = resolveUserAgentConfig(transport);
      const endpoint = resolveEndpointConfig({ ...userAgent, endpointProvider: userAgent.endpointProvider ?? defaultEndpointResolver });
      const retry = resolveRetryConfig(endpoint);
      return resolveCredentialsConfig(resolveLoggerConfig(retry));
    });
    super(config);
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRestJsonPlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
  }
}
