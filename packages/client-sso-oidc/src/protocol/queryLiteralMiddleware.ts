import type { Pluggable, RelativeMiddlewareOptions, SerializeHandlerOptions, SerializeMiddleware } from "@smithy/types";

/**
 * Adds the query literals of an operation's URI (CreateTokenWithIAM's `/token?aws_iam=t`) to the request. A
 * middleware of that command alone, so the serializer the other operations share carries no code for it.
 */
export const queryLiteralMiddleware =
  (query: Record<string, string>): SerializeMiddleware<any, any> =>
  (next) =>
  (args) => {
    Object.assign((args.request as { query: Record<string, string> }).query, query);
    return next(args);
  };

/** Serialize step, right after the serializer: the request exists, and nothing has signed it yet. */
export const queryLiteralMiddlewareOptions: SerializeHandlerOptions & RelativeMiddlewareOptions = {
  name: "queryLiteralMiddleware",
  step: "serialize",
  tags: ["SERIALIZER"],
  override: true,
  relation: "after",
  toMiddleware: "serializerMiddleware",
};

export const getQueryLiteralPlugin = (query: Record<string, string>): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.addRelativeTo(queryLiteralMiddleware(query), queryLiteralMiddlewareOptions),
});
