import type { MetadataBearer } from "@smithy/types";
import { Command, type CommandSpec } from "@ssokit/core";
import type { StartDeviceAuthorizationRequest, StartDeviceAuthorizationResponse } from "../models/StartDeviceAuthorization";
import type { SSOOIDCClientResolvedConfig } from "../SSOOIDCClient";
import { commandSpec } from "./commandSpec";

export interface StartDeviceAuthorizationCommandInput extends StartDeviceAuthorizationRequest {}
export interface StartDeviceAuthorizationCommandOutput extends StartDeviceAuthorizationResponse, MetadataBearer {}

const spec = /*#__PURE__*/ commandSpec({
  commandName: "StartDeviceAuthorizationCommand",
  operation: "StartDeviceAuthorization",
  path: "/device_authorization",
  input: {
    clientId: { type: "string", required: true },
    clientSecret: { type: "string", required: true },
    startUrl: { type: "string", required: true },
  },
  output: {
    deviceCode: "string",
    userCode: "string",
    verificationUri: "string",
    verificationUriComplete: "string",
    expiresIn: "number",
    interval: "number",
  },
});

/** Starts the device authorization grant (RFC 8628 §3.1): a device code to poll with, and a user code to show. */
export class StartDeviceAuthorizationCommand extends Command<
  StartDeviceAuthorizationCommandInput,
  StartDeviceAuthorizationCommandOutput,
  SSOOIDCClientResolvedConfig
> {
  protected spec(): CommandSpec<SSOOIDCClientResolvedConfig> {
    return spec;
  }
}
