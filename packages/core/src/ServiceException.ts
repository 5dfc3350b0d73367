import type { HttpResponse } from "@smithy/types";
import type { ResponseMetadata } from "@smithy/types";

export interface ServiceExceptionOptions {
  /** The exception's name as the service model spells it. */
  name: string;
  /** Whether the caller (`client`) or the service (`server`) is at fault. */
  $fault: "client" | "server";
  message?: string;
  $metadata: ResponseMetadata;
  /** The raw HTTP response; kept off the enumerable properties so it never lands in JSON or logs. */
  $response?: HttpResponse;
  $retryable?: { throttling?: boolean };
  cause?: unknown;
}

/** Base of every error the service itself returned. Service packages extend it once, then once per exception. */
export class ServiceException extends Error {
  $fault: "client" | "server";
  $metadata: ResponseMetadata;
  $retryable?: { throttling?: boolean };
  declare $response?: HttpResponse;

  constructor({ name, $fault, message, $metadata, $response, $retryable, cause }: ServiceExceptionOptions) {
    super(message ?? name, cause === undefined ? undefined : { cause });
    // The AWS SDK v3's own properties, in its order ($retryable even when undefined), so keys and snapshots match.
    this.$fault = $fault;
    this.$retryable = $retryable;
    this.$metadata = $metadata;
    this.name = name;
    Object.defineProperty(this, "$response", { value: $response, writable: true });
  }

  /** True for a service exception from any copy of this package (or of the AWS SDK): checks shape, not prototype. */
  static isInstance(value: any): value is ServiceException {
    return typeof value?.name === "string" && (value.$fault === "client" || value.$fault === "server") && typeof value.$metadata === "object";
  }
}
