import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware, Pluggable } from "@smithy/types";
import { claimCall } from "./callState";
import { fire } from "./RequestEmitter";
import { v2Error } from "./v2Error";

/**
 * Fires a v2 request's `validate` event, once per call, before parameter validation and anything else that could
 * refuse the call. A listener that throws fails the call; one that replaces `request.params` changes what is sent.
 * A signed call first gets its credentials, as v2 does: without them it fails here, with nothing built or sent.
 */
export const validateEventMiddleware = (): InitializeMiddleware<any, any> => (next, context) => async (args) => {
  const call = claimCall(context, args.input);
  if (!call) return next(args);
  const { request } = call;
  const noCredentials = request.signed ? await request.service.resolved.credentials().then(() => undefined, (e: unknown) => e) : undefined;
  // As in v2, `validate` listeners find the credentials error on the response already.
  if (noCredentials !== undefined) request.response.error = v2Error(noCredentials);
  const thrown = (await fire(request, "validate", [request])) ?? noCredentials;
  if (thrown !== undefined) throw thrown;
  return next({ ...args, input: request.params });
};

/** Initialize step, high priority, after the loggers: a call a listener refuses is logged like any other. */
export const validateEventMiddlewareOptions: InitializeHandlerOptions & AbsoluteLocation = {
  name: "validateEventMiddleware",
  step: "initialize",
  priority: "high",
  tags: ["V2_EVENTS"],
  override: true,
};

export const getValidateEventPlugin = (): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(validateEventMiddleware(), validateEventMiddlewareOptions),
});
