import type { SendCallback, SendOptions } from "@ssokit/core";
import { CreateTokenCommand, type CreateTokenCommandInput, type CreateTokenCommandOutput } from "./commands/CreateTokenCommand";
import {
  CreateTokenWithIAMCommand,
  type CreateTokenWithIAMCommandInput,
  type CreateTokenWithIAMCommandOutput,
} from "./commands/CreateTokenWithIAMCommand";
import { RegisterClientCommand, type RegisterClientCommandInput, type RegisterClientCommandOutput } from "./commands/RegisterClientCommand";
import {
  StartDeviceAuthorizationCommand,
  type StartDeviceAuthorizationCommandInput,
  type StartDeviceAuthorizationCommandOutput,
} from "./commands/StartDeviceAuthorizationCommand";
import { SSOOIDCClient } from "./SSOOIDCClient";

/**
 * The AWS SDK v3's aggregated client: an `SSOOIDCClient` with one method per command, each taking `(input)`,
 * `(input, options)`, `(input, callback)` or `(input, options, callback)`, and the client's v3 defaults (no input
 * validation). It imports every command; import `SSOOIDCClient` and the commands you use for a smaller bundle.
 * Code written for the AWS SDK v2's `AWS.SSOOIDC` wants `SSOOIDC` from `@ssokit/client-sso-oidc/v2` instead.
 */
export class SSOOIDC extends SSOOIDCClient {
  createToken(input: CreateTokenCommandInput, options?: SendOptions): Promise<CreateTokenCommandOutput>;
  createToken(input: CreateTokenCommandInput, cb: SendCallback<CreateTokenCommandOutput>): void;
  createToken(input: CreateTokenCommandInput, options: SendOptions, cb: SendCallback<CreateTokenCommandOutput>): void;
  createToken(input: CreateTokenCommandInput, optionsOrCb?: any, cb?: any): any {
    return aggregated(this, new CreateTokenCommand(input), optionsOrCb, cb);
  }

  createTokenWithIAM(input: CreateTokenWithIAMCommandInput, options?: SendOptions): Promise<CreateTokenWithIAMCommandOutput>;
  createTokenWithIAM(input: CreateTokenWithIAMCommandInput, cb: SendCallback<CreateTokenWithIAMCommandOutput>): void;
  createTokenWithIAM(input: CreateTokenWithIAMCommandInput, options: SendOptions, cb: SendCallback<CreateTokenWithIAMCommandOutput>): void;
  createTokenWithIAM(input: CreateTokenWithIAMCommandInput, optionsOrCb?: any, cb?: any): any {
    return aggregated(this, new CreateTokenWithIAMCommand(input), optionsOrCb, cb);
  }

  registerClient(input: RegisterClientCommandInput, options?: SendOptions): Promise<RegisterClientCommandOutput>;
  registerClient(input: RegisterClientCommandInput, cb: SendCallback<RegisterClientCommandOutput>): void;
  registerClient(input: RegisterClientCommandInput, options: SendOptions, cb: SendCallback<RegisterClientCommandOutput>): void;
  registerClient(input: RegisterClientCommandInput, optionsOrCb?: any, cb?: any): any {
    return aggregated(this, new RegisterClientCommand(input), optionsOrCb, cb);
  }

  startDeviceAuthorization(input: StartDeviceAuthorizationCommandInput, options?: SendOptions): Promise<StartDeviceAuthorizationCommandOutput>;
  startDeviceAuthorization(input: StartDeviceAuthorizationCommandInput, cb: SendCallback<StartDeviceAuthorizationCommandOutput>): void;
  startDeviceAuthorization(
    input: StartDeviceAuthorizationCommandInput,
    options: SendOptions,
    cb: SendCallback<StartDeviceAuthorizationCommandOutput>,
  ): void;
  startDeviceAuthorization(input: StartDeviceAuthorizationCommandInput, optionsOrCb?: any, cb?: any): any {
    return aggregated(this, new StartDeviceAuthorizationCommand(input), optionsOrCb, cb);
  }
}

/**
 * One aggregated method, with the AWS SDK v3's behaviour in each form: without a callback, the promise of the
 * output; with one, a promise of undefined once the call is under way (the result goes to the callback); with
 * options that are not an object before a callback, a rejection naming what came instead.
 */
async function aggregated(client: SSOOIDCClient, command: any, optionsOrCb?: unknown, cb?: unknown): Promise<any> {
  if (typeof optionsOrCb === "function") return void client.send(command, optionsOrCb as SendCallback<any>);
  if (typeof cb !== "function") return client.send(command, optionsOrCb as SendOptions | undefined);
  if (typeof optionsOrCb !== "object") throw new Error(`Expected http options but got ${typeof optionsOrCb}`);
  client.send(command, (optionsOrCb ?? {}) as SendOptions, cb as SendCallback<any>);
}
