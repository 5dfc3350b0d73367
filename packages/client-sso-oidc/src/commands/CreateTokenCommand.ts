import type { MetadataBearer } from "@smithy/types";
import { Command, type CommandSpec } from "@ssokit/core";
import type { CreateTokenRequest, CreateTokenResponse } from "../models/CreateToken";
import type { SSOOIDCClientResolvedConfig } from "../SSOOIDCClient";
import { commandSpec } from "./commandSpec";

export interface CreateTokenCommandInput extends CreateTokenRequest {}
export interface CreateTokenCommandOutput extends CreateTokenResponse, MetadataBearer {}

const spec = /*#__PURE__*/ commandSpec({
  commandName: "CreateTokenCommand",
  operation: "CreateToken",
  path: "/token",
  input: {
    clientId: { type: "string", required: true },
    clientSecret: { type: "string", required: true },
    grantType: { type: "string", required: true },
    deviceCode: { type: "string" },
    code: { type: "string" },
    refreshToken: { type: "string" },
    scope: { type: "strings" },
    redirectUri: { type: "string" },
    codeVerifier: { type: "string" },
  },
  output: { accessToken: "string", tokenType: "string", expiresIn: "number", refreshToken: "string", idToken: "string" },
});

/**
 * Redeems a grant for tokens: the device code once the user approved (polled per RFC 8628), an authorization
 * code, or a refresh token. Throws `AuthorizationPendingException` / `SlowDownException` while a device
 * authorization is pending or polled too fast.
 */
export class CreateTokenCommand extends Command<CreateTokenCommandInput, CreateTokenCommandOutput, SSOOIDCClientResolvedConfig> {
  protected spec(): CommandSpec<SSOOIDCClientResolvedConfig> {
    return spec;
  }
}
