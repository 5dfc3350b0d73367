import type { CommandSpec } from "@ssokit/core";
import { getEndpointPlugin } from "@ssokit/middleware-endpoint";
import type { InputShape } from "../protocol/inputShape";
import type { OutputShape } from "../protocol/jsonResponse";
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

/** The shape as the client's serializer and deserializer read it from the context. */
export interface OperationSchema extends OperationShape {
  /** The input members sent, in order. */
  members: readonly string[];
}

/**
 * The spec of an SSO OIDC command: its names, its schema (which the client's restJson1 serde reads from the
 * context), and the plugins every command of the class gets (endpoint resolution, and validation where the
 * client asks for it), built once per client rather than on every send.
 */
export function commandSpec(shape: OperationShape): CommandSpec<SSOOIDCClientResolvedConfig> {
  const schema: OperationSchema = { ...shape, members: Object.keys(shape.input) };
  return {
    clientName: "SSOOIDCClient",
    commandName: shape.commandName,
    service: "AWSSSOOIDCService",
    operation: shape.operation,
    sensitiveMembers: SENSITIVE_MEMBERS,
    schema,
    plugins: (config) => [
      getEndpointPlugin(config),
      // Parameter validation only where the client asks for it (the v2-style SSOOIDC does by default).
      ...(config.inputValidation ? [config.inputValidation(shape.input)] : []),
    ],
  };
}
