import { SdkError, type SdkErrorOptions } from "@ssokit/core";

/** The user denied the device authorization (the service answered `AccessDeniedException`). `code`: `AccessDenied`. */
export class DeviceAuthorizationDeniedError extends SdkError {
  override readonly name = "DeviceAuthorizationDeniedError";

  constructor(options?: SdkErrorOptions) {
    super("AccessDenied", "The sign-in request was denied. Start the login again if that was a mistake.", options);
  }
}

export const isDeviceAuthorizationDeniedError = (e: unknown): e is DeviceAuthorizationDeniedError =>
  (e as Error | undefined)?.name === "DeviceAuthorizationDeniedError";
