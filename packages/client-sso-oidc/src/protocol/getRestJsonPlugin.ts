import type { HttpResponse, Pluggable } from "@smithy/types";
import type { SsoContext } from "@ssokit/core";
import { getSerdePlugin } from "@ssokit/middleware-serde";
import type { OperationSchema } from "../commands/commandSpec";
import { jsonRequest } from "./jsonRequest";
import { jsonResponse, type ResponseOptions } from "./jsonResponse";

const schemaOf = (context: SsoContext) => (context as { __smithy_context: { operationSchema: OperationSchema } }).__smithy_context.operationSchema;

/**
 * The restJson1 serializer and deserializer, on the client's stack from construction as in the AWS SDK v3 (3.1164):
 * the first middleware of their steps, so middleware added at `serialize` sees the request and middleware added at
 * `deserialize` sits inside the deserializer and sees the raw response. Each call's operation comes from the
 * command's schema in the context.
 */
export const getRestJsonPlugin = (config: ResponseOptions): Pluggable<any, any> =>
  getSerdePlugin(
    config,
    (input: object, context: SsoContext) => {
      const schema = schemaOf(context);
      return jsonRequest(context, schema.path, input, schema.members);
    },
    (response: HttpResponse, context: SsoContext, options: ResponseOptions, input: unknown) => jsonResponse<any>(response, schemaOf(context).output, options, input),
  );
