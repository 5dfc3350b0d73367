import type { AbsoluteLocation, FinalizeRequestHandlerOptions, FinalizeRequestMiddleware, HttpRequest, Pluggable } from "@smithy/types";
import { callOf } from "./callState";
import { fire } from "./RequestEmitter";
import { asV2Data } from "./Response";
import type { Request } from "./Request";
import { v2Error, type V2Error } from "./v2Error";

/**
 * Fires a v2 request's per-attempt events around each attempt, inside the retry loop: `sign` before it, then
 * `extractData` on an answer that became the output, or, on a failure, `extractError` (an error answer) and `retry`.
 * `retry` listeners see the error with v2's fields and may change `retryable` and `retryDelay`: the v2 client's
 * retry strategy obeys them. A listener that throws fails the attempt with what it threw, as in v2.
 */
export const attemptEventsMiddleware = (): FinalizeRequestMiddleware<any, any> => (next, context) => async (args) => {
  const call = callOf(context);
  if (!call) return next(args);
  const { request } = call;
  const response = request.response;
  if (call.attempts++) response.retryCount++;
  response.maxRetries ??= (await request.service.resolved.maxAttempts()) - 1;
  call.answers = 0;
  call.answered = false;
  response.error = null;
  response.data = null;
  // This attempt's request: a signing middleware before this one hands on a signed copy, which `sign` listeners see.
  request.httpRequest = args.request as HttpRequest;
  let failure = await fire(request, "sign", [request]);
  if (failure === undefined) {
    try {
      const result = await next({ ...args, request: request.httpRequest });
      response.data = asV2Data(result.output);
      response.requestId = requestIdOf(response.httpResponse.headers);
      failure = await fire(request, "extractData", [response]);
      if (failure === undefined) return result;
    } catch (e) {
      failure = e;
      if (call.answered) {
        // The answer was an error (or a success that could not be read): v2 extracts it before the retry check.
        const error = (response.error = v2Error(e, { statusCode: response.httpResponse.statusCode }));
        const errorAnswer = response.httpResponse.statusCode! >= 300;
        if (errorAnswer) error.requestId = response.requestId = requestIdOf(response.httpResponse.headers);
        failure = (await fire(request, errorAnswer ? "extractError" : "extractData", [response])) ?? response.error;
      }
    }
  }
  response.data = null;
  response.error = v2Error(failure, { statusCode: call.answers ? response.httpResponse.statusCode : undefined });
  coreRetryRules(request, response.error);
  response.error = v2Error((await fire(request, "retry", [response])) ?? response.error, {});
  throw response.error;
};

/** The codes v2 takes for expired AWS credentials, and for a signature its service refused for the clock. */
const EXPIRED_CREDENTIALS = /^(ExpiredTokenException|ExpiredToken|RequestExpired)$/;
const CLOCK_SKEW = /^(RequestTimeTooSkewed|RequestExpired|InvalidSignatureException|SignatureDoesNotMatch|AuthFailure|RequestInTheFuture)$/;

/**
 * What v2's own `retry` listeners decide before the caller's see the error: a signed call whose credentials expired
 * marks them `expired` (the next `get` refreshes them) and is retried; with `correctClockSkew`, a call refused for
 * the clock is retried, with the offset the answer corrected.
 */
function coreRetryRules(request: Request<unknown>, error: V2Error): void {
  if (request.signed && EXPIRED_CREDENTIALS.test(error.code)) {
    error.retryable = true;
    const credentials = request.service.config.credentials;
    if (credentials) credentials.expired = true;
  }
  if (request.service.config.correctClockSkew && CLOCK_SKEW.test(error.code)) error.retryable = true;
}

const requestIdOf = (headers: Record<string, string>): string | undefined => headers["x-amzn-requestid"] ?? headers["x-amz-request-id"];

/**
 * FinalizeRequest step, low priority: inside the retry middleware, so it runs once per attempt, and after any
 * signing middleware, so `sign` listeners see the signed request, as in v2.
 */
export const attemptEventsMiddlewareOptions: FinalizeRequestHandlerOptions & AbsoluteLocation = {
  name: "attemptEventsMiddleware",
  step: "finalizeRequest",
  priority: "low",
  tags: ["V2_EVENTS"],
  override: true,
};

export const getAttemptEventsPlugin = (): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(attemptEventsMiddleware(), attemptEventsMiddlewareOptions),
});
