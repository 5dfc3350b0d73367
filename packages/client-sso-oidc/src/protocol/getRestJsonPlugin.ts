import type { HttpResponse, Pluggable } from "@smithy/types";
import type { SsoContext } from "@ssokit/core";
import { getSerdePlugin } from "@ssokit/middleware-serde";
import type { OperationSchema } from "../commands/commandSpec";
import { jsonRequest } from "./jsonRequest";
import { jsonResponse, type ResponseOptions } from "./jsonResponse";

export interface RestJsonConfig extends ResponseOptions {
  /** The byte length of a request body, for `content-length`; the runtime config provides it, as in v3. */
  bodyLengthChecker: (body: string) => number;
}

const schemaOf = (context: SsoContext) => (context as { __smithy_context: { operationSchema: OperationSchema } }).__smithy_context.operationSchema;

/**
 * The restJson1 serializer and deserializer, on the client's stack from construction as in the AWS SDK v3 (3.1164):
 * the first middleware of their steps, so middleware added at `serialize` sees the request and middleware added at
 * `deserialize` sits inside the deserializer and sees the raw response. Each call's operation comes from the
 * command's schema in the context.
 */
export const getRestJsonPlugin = (config: RestJsonConfig): Pluggable<any, any> =>
  getSerdePlugin(
    config,
    (input: object, context: SsoContext) => {
      const schema = schemaOf(context);
      return jsonRequest(context, schema.path, input, schema.members, config.bodyLengthChecker);
    },
    (response: HttpResponse, context: SsoContext, options: RestJsonConfig, input: unknown) => jsonResponse<any>(response, schemaOf(context).output, options, input),
  );
