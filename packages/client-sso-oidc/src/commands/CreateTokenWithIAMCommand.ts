import type { MetadataBearer } from "@smithy/types";
import { Command, type CommandSpec } from "@ssokit/core";
import { getHttpSigningPlugin } from "@ssokit/middleware-signing";
import type { CreateTokenWithIAMRequest, CreateTokenWithIAMResponse } from "../models/CreateTokenWithIAM";
import { getQueryLiteralPlugin } from "../protocol/queryLiteralMiddleware";
import type { SSOOIDCClientResolvedConfig } from "../SSOOIDCClient";
import { commandSpec } from "./commandSpec";
import { createTokenWithIAMInput } from "./createTokenWithIAMInput";

export interface CreateTokenWithIAMCommandInput extends CreateTokenWithIAMRequest {}
export interface CreateTokenWithIAMCommandOutput extends CreateTokenWithIAMResponse, MetadataBearer {}

const base = /*#__PURE__*/ commandSpec({
  commandName: "CreateTokenWithIAMCommand",
  operation: "CreateTokenWithIAM",
  path: "/token",
  input: createTokenWithIAMInput,
  output: {
    accessToken: "string",
    tokenType: "string",
    expiresIn: "number",
    refreshToken: "string",
    idToken: "string",
    issuedTokenType: "string",
    scope: "strings",
    awsAdditionalDetails: "object",
  },
});

// The only signed operation (the model's `aws.auth#sigv4`, name `sso-oauth`), at `POST /token?aws_iam=t`.
const spec: CommandSpec<SSOOIDCClientResolvedConfig> = {
  ...base,
  plugins: (config) => [...base.plugins(config), getQueryLiteralPlugin({ aws_iam: "t" }), getHttpSigningPlugin(config, { signingName: "sso-oauth" })],
};

/**
 * Exchanges a user's grant for IAM Identity Center tokens, as an application with AWS credentials (trusted
 * identity propagation): an authorization code, a refresh token, a trusted token issuer's JWT (jwt-bearer) or a
 * token (token-exchange). Signed with SigV4 from the client's `credentials`; the other operations are unsigned.
 */
export class CreateTokenWithIAMCommand extends Command<CreateTokenWithIAMCommandInput, CreateTokenWithIAMCommandOutput, SSOOIDCClientResolvedConfig> {
  protected spec(): CommandSpec<SSOOIDCClientResolvedConfig> {
    return spec;
  }
}
