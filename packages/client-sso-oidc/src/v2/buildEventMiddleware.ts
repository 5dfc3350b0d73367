import type { AbsoluteLocation, BuildHandlerOptions, BuildMiddleware, HttpRequest, Pluggable } from "@smithy/types";
import { callOf } from "./callState";
import { fire } from "./RequestEmitter";

/**
 * Fires a v2 request's `build` event, once per call, with the request built: `request.httpRequest` is then the
 * request that goes out (method, path, headers, body), and what listeners change in it is sent. Headers set on
 * `request.httpRequest` before it was built are carried over, as v2 keeps them.
 */
export const buildEventMiddleware = (): BuildMiddleware<any, any> => (next, context) => async (args) => {
  const call = callOf(context);
  if (!call) return next(args);
  const { request } = call;
  const built = args.request as HttpRequest;
  const early = request.httpRequest.headers;
  for (const name in early) if (!(name.toLowerCase() in built.headers)) built.headers[name] = early[name];
  request.httpRequest = built;
  const thrown = await fire(request, "build", [request]);
  if (thrown !== undefined) throw thrown;
  return next({ ...args, request: request.httpRequest });
};

/** Build step, low priority, after the user agent: listeners see every header the SDK sends. */
export const buildEventMiddlewareOptions: BuildHandlerOptions & AbsoluteLocation = {
  name: "buildEventMiddleware",
  step: "build",
  priority: "low",
  tags: ["V2_EVENTS"],
  override: true,
};

export const getBuildEventPlugin = (): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(buildEventMiddleware(), buildEventMiddlewareOptions),
});
