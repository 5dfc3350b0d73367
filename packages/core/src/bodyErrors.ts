import { InvalidResponseError } from "./errors/InvalidResponseError";
import { NetworkError } from "./errors/NetworkError";

/** A body over `maxResponseBytes`. */
export const tooLarge = (limit: number, status: number) =>
  new InvalidResponseError("ResponseTooLarge", `Response body over ${limit} bytes; raise maxResponseBytes if that is expected.`, {
    $metadata: { httpStatusCode: status },
  });

/** A connection cut before the body ended (retryable). */
export const cutShort = (status: number, cause?: unknown) =>
  new NetworkError("ECONNRESET", "Connection closed before the response body ended.", { cause, $metadata: { httpStatusCode: status } });
