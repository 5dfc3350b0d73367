import type { HttpResponse } from "@smithy/protocol-http";
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

  constructor(options: ServiceExceptionOptions) {
    super(options.message ?? options.name, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
    if (options.$retryable) this.$retryable = options.$retryable;
    Object.defineProperty(this, "$response", { value: options.$response, enumerable: false, writable: true });
  }

  /** True for a service exception from any copy of this package (or of the AWS SDK): checks shape, not prototype. */
  static isInstance(value: unknown): value is ServiceException {
    if (value instanceof ServiceException) return true;
    const v = value as Partial<ServiceException> | null;
    return (
      typeof v === "object" &&
      v !== null &&
      typeof v.name === "string" &&
      (v.$fault === "client" || v.$fault === "server") &&
      typeof v.$metadata === "object"
    );
  }
}
