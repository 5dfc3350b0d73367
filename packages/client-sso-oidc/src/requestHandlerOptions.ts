import type { HttpResponse } from "@smithy/types";
import type { HttpHandlerOptions, RequestHandler } from "@smithy/types";

/** Options for the default request handler, as `@aws-sdk/client-sso-oidc` accepts them in `requestHandler`. */
export interface RequestHandlerOptions {
  /** Milliseconds an attempt may take in all (this SDK enforces it over the whole exchange). @default 30000 */
  requestTimeout?: number;
  /** Milliseconds to wait for a connection (Node). @default none */
  connectionTimeout?: number;
  /** An `http.Agent` or its options (Node). @default a keep-alive agent, 50 sockets */
  httpAgent?: unknown;
  /** An `https.Agent` or its options (Node). @default a keep-alive agent, 50 sockets */
  httpsAgent?: unknown;
  /** Milliseconds before warning (through `logger`) that requests wait for a socket (Node). */
  socketAcquisitionWarningTimeout?: number;
  /** Keep the fetch connection alive (browsers). @default false */
  keepAlive?: boolean;
  /**
   * An http:// proxy to send every request through (Node): plain http as absolute-form requests, https through a
   * CONNECT tunnel. Credentials in the URL become `Proxy-Authorization`. @default none
   */
  proxy?: string;
}

export type RequestHandlerInput = RequestHandler<any, HttpResponse, HttpHandlerOptions> | RequestHandlerOptions;

export const isRequestHandler = (x: unknown): x is RequestHandler<any, HttpResponse, HttpHandlerOptions> =>
  typeof (x as { handle?: unknown } | undefined)?.handle === "function";
