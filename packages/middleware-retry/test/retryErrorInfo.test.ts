import { parseRetryAfter, retryErrorInfo } from "@ssokit/middleware-retry";

const err = (fields: Record<string, unknown>) => Object.assign(new Error("x"), fields);

describe("retryErrorInfo", () => {
  it.each([
    ["a 500", err({ $metadata: { httpStatusCode: 500 } }), "TRANSIENT"],
    ["a 502", err({ $metadata: { httpStatusCode: 502 } }), "TRANSIENT"],
    ["a 503", err({ $metadata: { httpStatusCode: 503 } }), "TRANSIENT"],
    ["a 504", err({ $metadata: { httpStatusCode: 504 } }), "TRANSIENT"],
    ["a 429", err({ $metadata: { httpStatusCode: 429 } }), "THROTTLING"],
    ["ThrottlingException", err({ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } }), "THROTTLING"],
    ["$retryable.throttling", err({ $retryable: { throttling: true }, $metadata: { httpStatusCode: 400 } }), "THROTTLING"],
    ["a TimeoutError", err({ name: "TimeoutError" }), "TRANSIENT"],
    ["ECONNRESET", err({ name: "NetworkError", code: "ECONNRESET" }), "TRANSIENT"],
    ["ECONNREFUSED", err({ code: "ECONNREFUSED" }), "TRANSIENT"],
    ["EPIPE", err({ code: "EPIPE" }), "TRANSIENT"],
    ["a reset after the status", err({ name: "NetworkError", code: "ECONNRESET", $metadata: { httpStatusCode: 200 } }), "TRANSIENT"],
    ["ENOTFOUND", err({ name: "NetworkError", code: "ENOTFOUND" }), "CLIENT_ERROR"],
    ["a 400", err({ $metadata: { httpStatusCode: 400 } }), "CLIENT_ERROR"],
    ["SlowDownException", err({ name: "SlowDownException", $metadata: { httpStatusCode: 400 } }), "CLIENT_ERROR"],
    ["AuthorizationPendingException", err({ name: "AuthorizationPendingException", $metadata: { httpStatusCode: 400 } }), "CLIENT_ERROR"],
    ["an AbortError", err({ name: "AbortError" }), "CLIENT_ERROR"],
    ["a 501", err({ $metadata: { httpStatusCode: 501 } }), "CLIENT_ERROR"],
  ])("classifies %s", (_label, error, type) => {
    expect(retryErrorInfo(error, 0).errorType).toBe(type);
  });

  it("adds a retryAfterHint from the response headers", () => {
    const e = err({ $metadata: { httpStatusCode: 429 } });
    Object.defineProperty(e, "$response", { value: { headers: { "retry-after": "2" } } });
    expect(retryErrorInfo(e, 10_000).retryAfterHint).toEqual(new Date(12_000));
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, HTTP dates and x-amz-retry-after milliseconds", () => {
    expect(parseRetryAfter({ "retry-after": "5" }, 1000)).toBe(6000);
    expect(parseRetryAfter({ "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" }, 0)).toBe(Date.UTC(2026, 9, 21, 7, 28));
    expect(parseRetryAfter({ "x-amz-retry-after": "1500", "retry-after": "9" }, 1000)).toBe(2500);
  });

  it("returns undefined for missing or unusable values", () => {
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter({}, 0)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "soon" }, 0)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "-3" }, 0)).toBeUndefined();
  });
});
