import { FetchHttpHandler } from "@smithy/fetch-http-handler";
import { readBody } from "@ssokit/core";
import { isRequestHandler } from "./requestHandlerOptions";
import type { SSOOIDCClientConfig } from "./SSOOIDCClient";
import { VERSION } from "./version";

const DEFAULT_USER_AGENT = `ssokit/${VERSION} ua/2.1 lang/js md/browser api/sso-oidc#${VERSION}`;

/** Browsers: no environment to read; fetch is the request handler; the `user-agent` header is the browser's. */
export function getRuntimeConfig(input: SSOOIDCClientConfig) {
  const handlerOptions = isRequestHandler(input.requestHandler) ? undefined : input.requestHandler;
  return {
    ...input,
    requestTimeout: input.requestTimeout ?? handlerOptions?.requestTimeout,
    requestHandler: isRequestHandler(input.requestHandler)
      ? input.requestHandler
      : new FetchHttpHandler({ keepAlive: handlerOptions?.keepAlive }),
    bodyReader: readBody,
    bodyLengthChecker: (body: string) => new TextEncoder().encode(body).length,
    defaultUserAgent: DEFAULT_USER_AGENT,
    setUserAgentHeader: false,
  };
}
