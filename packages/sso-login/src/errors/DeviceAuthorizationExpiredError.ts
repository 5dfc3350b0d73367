import { SdkError, type SdkErrorOptions } from "@ssokit/core";

/**
 * The device code expired before the user approved: the service said so (`code` `ExpiredToken`), or its
 * `expiresIn` ran out on this side while it kept answering "pending" (`code` `Deadline`).
 */
export class DeviceAuthorizationExpiredError extends SdkError {
  override readonly name = "DeviceAuthorizationExpiredError";

  constructor(code: "ExpiredToken" | "Deadline", options?: SdkErrorOptions) {
    super(code, "The sign-in request expired before it was approved. Start the login again and approve it in time.", options);
  }
}

export const isDeviceAuthorizationExpiredError = (e: unknown): e is DeviceAuthorizationExpiredError =>
  (e as Error | undefined)?.name === "DeviceAuthorizationExpiredError";
