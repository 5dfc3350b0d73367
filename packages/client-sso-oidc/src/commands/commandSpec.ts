import type { HttpResponse } from "@smithy/types";
import type { CommandSpec, SsoContext } from "@ssokit/core";
import { getEndpointPlugin } from "@ssokit/middleware-endpoint";
import { getSerdePlugin } from "@ssokit/middleware-serde";
import { jsonRequest } from "../protocol/jsonRequest";
import type { InputShape } from "../protocol/inputShape";
import { jsonResponse, type OutputShape } from "../protocol/jsonResponse";
import { SENSITIVE_MEMBERS } from "../sensitiveMembers";
import type { SSOOIDCClientResolvedConfig } from "../SSOOIDCClient";

/** What one SSO OIDC operation is on the wire: its path, the input members it sends, the output it reads. */
export interface OperationShape {
  commandName: string;
  operation: string;
  path: string;
  input: InputShape;
  output: OutputShape;
}

/**
 * The spec of an SSO OIDC command: its names, and the plugins every command of the class gets (endpoint
 * resolution and restJson1 serde), built once per client rather than on every send.
 */
export function commandSpec(shape: OperationShape): CommandSpec<SSOOIDCClientResolvedConfig> {
  const input = shape.input;
  const members = Object.keys(input);
  const serialize = (input: object, context: SsoContext) => jsonRequest(context, shape.path, input, members);
  const deserialize = (response: HttpResponse, _context: SsoContext, config: SSOOIDCClientResolvedConfig, input: unknown) =>
    jsonResponse<any>(response, shape.output, config, input);
  return {
    clientName: "SSOOIDCClient",
    commandName: shape.commandName,
    service: "AWSSSOOIDCService",
    operation: shape.operation,
    sensitiveMembers: SENSITIVE_MEMBERS,
    plugins: (config) => [
      getEndpointPlugin(config),
      getSerdePlugin(config, serialize, deserialize),
      // Parameter validation only where the client asks for it (the v2-style SSOOIDC does by default).
      ...(config.inputValidation ? [config.inputValidation(input)] : []),
    ],
  };
}
