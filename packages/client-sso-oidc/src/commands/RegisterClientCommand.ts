import type { MetadataBearer } from "@smithy/types";
import { Command, type CommandSpec } from "@ssokit/core";
import type { RegisterClientRequest, RegisterClientResponse } from "../models/RegisterClient";
import type { SSOOIDCClientResolvedConfig } from "../SSOOIDCClient";
import { commandSpec } from "./commandSpec";

export interface RegisterClientCommandInput extends RegisterClientRequest {}
export interface RegisterClientCommandOutput extends RegisterClientResponse, MetadataBearer {}

const spec = /*#__PURE__*/ commandSpec({
  commandName: "RegisterClientCommand",
  operation: "RegisterClient",
  path: "/client/register",
  input: {
    clientName: { type: "string", required: true },
    clientType: { type: "string", required: true },
    scopes: { type: "strings" },
    redirectUris: { type: "strings" },
    grantTypes: { type: "strings" },
    issuerUrl: { type: "string" },
    entitledApplicationArn: { type: "string" },
  },
  output: {
    clientId: "string",
    clientSecret: "string",
    clientIdIssuedAt: "number",
    clientSecretExpiresAt: "number",
    authorizationEndpoint: "string",
    tokenEndpoint: "string",
  },
});

/** Registers a public client with IAM Identity Center; the client id and secret then start authorizations. */
export class RegisterClientCommand extends Command<RegisterClientCommandInput, RegisterClientCommandOutput, SSOOIDCClientResolvedConfig> {
  protected spec(): CommandSpec<SSOOIDCClientResolvedConfig> {
    return spec;
  }
}
