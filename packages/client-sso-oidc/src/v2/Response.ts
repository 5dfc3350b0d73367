import { printableResponse } from "./printable";
import type { Request } from "./Request";
import type { V2Error } from "./v2Error";

/** The HTTP answer as v2 code reads it from `response.httpResponse`: the last one received. */
export interface HttpResponseV2 {
  statusCode: number | undefined;
  headers: Record<string, string>;
  /** The whole body: a `Buffer` in Node, a `Uint8Array` in browsers. */
  body: Uint8Array | undefined;
  /** Always false: SSO OIDC answers are small JSON documents, read whole. */
  streaming: boolean;
  statusMessage: string | undefined;
}

/**
 * The AWS SDK v2's `AWS.Response`: what a request has got so far, filled in as it runs and handed to its listeners.
 * `data` and `error` hold the outcome (one of them null), `retryCount` the retries made, `redirectCount` the
 * redirects followed, `requestId` the service's id for the last answer.
 */
export class Response<O> {
  readonly request: Request<O>;
  data: O | null;
  error: V2Error | null;
  retryCount: number;
  redirectCount: number;
  readonly httpResponse: HttpResponseV2;
  /** Retries allowed, known once the request has been sent. */
  maxRetries: number | undefined;
  maxRedirects: number;
  requestId?: string;

  constructor(request: Request<O>, maxRedirects: number) {
    // v2's members, in v2's order, so that keys and snapshots read the same.
    this.request = request;
    this.data = null;
    this.error = null;
    this.retryCount = 0;
    this.redirectCount = 0;
    this.httpResponse = { statusCode: undefined, headers: {}, body: undefined, streaming: false, statusMessage: undefined };
    this.maxRetries = undefined;
    this.maxRedirects = maxRedirects;
  }

  /** What printing the response shows: the tokens in `data` and in the answer's body masked. */
  toJSON(): unknown {
    return printableResponse(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): unknown {
    return this.toJSON();
  }
}

/**
 * An output as v2 data: the same object, with `$metadata` kept but not enumerable, so that `Object.keys(data)` and
 * `JSON.stringify(data)` (a token written to a cache file) see only the operation's members, as with v2.
 */
export function asV2Data<O>(output: O): O {
  if (output && typeof output === "object" && Object.prototype.hasOwnProperty.call(output, "$metadata")) {
    Object.defineProperty(output, "$metadata", { enumerable: false });
  }
  return output;
}
