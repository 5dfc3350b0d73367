import type { Request } from "./Request";

/** What the v2 event middleware share about one call of a v2 `Request`, kept in the call's context. */
export interface CallState {
  request: Request<any>;
  /** Attempts started. */
  attempts: number;
  /** Answers this attempt received: more than one when redirects were followed. */
  answers: number;
  /** Whether this attempt's answer got through the HTTP events: a failure after that is the answer's. */
  answered: boolean;
}

// A Request's input is a fresh object made for it, so it names the call until the first middleware claims it.
const expected = new WeakMap<object, Request<any>>();
const STATE = Symbol("v2 request");

/** Tells the event middleware that the call about to be sent with `input` is `request`'s. */
export const expectCall = (input: object, request: Request<any>): void => void expected.set(input, request);

/** The state of the call `input` belongs to, kept in its context for the other middleware; undefined for a plain `send`. */
export function claimCall(context: object, input: object): CallState | undefined {
  const request = expected.get(input);
  if (!request) return undefined;
  expected.delete(input);
  return ((context as Record<symbol, CallState>)[STATE] = { request, attempts: 0, answers: 0, answered: false });
}

/** The state of the call this context belongs to, if it is a v2 `Request`'s. */
export const callOf = (context: object): CallState | undefined => (context as Record<symbol, CallState | undefined>)[STATE];
