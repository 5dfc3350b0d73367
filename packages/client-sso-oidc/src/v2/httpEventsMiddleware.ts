import type { AbsoluteLocation, DeserializeHandlerOptions, DeserializeMiddleware, HttpResponse, Pluggable } from "@smithy/types";
import { callOf } from "./callState";
import { fire } from "./RequestEmitter";
import { v2Error } from "./v2Error";

/**
 * Fires a v2 request's HTTP events for each answer, right on the transport: `httpHeaders` (statusCode, headers,
 * response, statusMessage), `httpData` (the body, read whole), `httpDone`, then `send`, as v2 fires its `send`
 * listeners once the exchange is over; or `httpError` (error, response) and `send` when no answer came. Every
 * listener runs; the first error one throws fails the attempt.
 */
export const httpEventsMiddleware = (): DeserializeMiddleware<any, any> => (next, context) => async (args) => {
  const call = callOf(context);
  if (!call) return next(args);
  const { request } = call;
  const response = request.response;
  let result: Awaited<ReturnType<typeof next>>;
  try {
    result = await next(args);
  } catch (e) {
    const error = (response.error = v2Error(e, {}));
    const thrown = [await fire(request, "httpError", [error, response]), await fire(request, "send", [response])];
    throw thrown.find((t) => t !== undefined) ?? error;
  }
  // A second answer in one attempt means the redirect middleware followed a redirect.
  if (call.answers++) response.redirectCount++;
  const answer = result.response as HttpResponse & { reason?: string };
  const body = toBytes(answer.body);
  Object.assign(response.httpResponse, { statusCode: answer.statusCode, headers: answer.headers, body, statusMessage: answer.reason });
  // Every event fires, even after a listener has thrown (v2 goes on too); the first error thrown fails the attempt.
  const thrown = [
    await fire(request, "httpHeaders", [answer.statusCode, answer.headers, response, answer.reason]),
    body.length ? await fire(request, "httpData", [body, response]) : undefined,
    await fire(request, "httpDone", [response]),
    await fire(request, "send", [response]),
  ].find((t) => t !== undefined);
  if (thrown !== undefined) throw thrown;
  call.answered = true;
  return result;
};

/** The body as v2 hands it to listeners: a Buffer in Node (same memory), the bytes as they are elsewhere. */
function toBytes(body: unknown): Uint8Array {
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(0);
  return typeof Buffer === "function" && !Buffer.isBuffer(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

/**
 * Deserialize step, low priority, added after the redirect and clock skew middleware: the innermost layer, so it
 * sees each raw answer (each redirect too) before anything reads it.
 */
export const httpEventsMiddlewareOptions: DeserializeHandlerOptions & AbsoluteLocation = {
  name: "httpEventsMiddleware",
  step: "deserialize",
  priority: "low",
  tags: ["V2_EVENTS"],
  override: true,
};

export const getHttpEventsPlugin = (): Pluggable<any, any> => ({
  applyToStack: (stack) => stack.add(httpEventsMiddleware(), httpEventsMiddlewareOptions),
});
