import {
  CreateTokenCommand,
  isAccessDeniedException,
  isAuthorizationPendingException,
  isExpiredTokenException,
  isInvalidClientException,
  isSlowDownException,
  isUnauthorizedClientException,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
} from "@ssokit/client-sso-oidc";
import { AbortError, systemClock, type Clock } from "@ssokit/core";
import { checkTokenAnswer } from "./checkTokenAnswer";
import { DeviceAuthorizationDeniedError } from "./errors/DeviceAuthorizationDeniedError";
import { DeviceAuthorizationExpiredError } from "./errors/DeviceAuthorizationExpiredError";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** A cached registration is reused until this close to its expiry, ms (and registered afresh if the service refuses it). */
export const REGISTRATION_MARGIN = 15 * 60 * 1000;
/** RFC 8628 §3.5: the poll interval when the service names none, and the increase after each slow-down, ms. */
export const DEFAULT_INTERVAL = 5000;
export const SLOW_DOWN_STEP = 5000;

/** A registered client: what `RegisterClient` returned, to be reused until it nears its expiry. */
export interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
}

/** What the user needs to approve the sign-in. */
export interface VerificationInfo {
  verificationUri: string;
  /** The same URI with the user code filled in (for a link or a QR code). */
  verificationUriComplete?: string;
  userCode: string;
  expiresAt: Date;
}

/** Where the polling stands, before each wait. */
export interface PollInfo {
  /** Polls made so far. */
  polls: number;
  /** The wait before the next poll, ms (grows by 5 s after each slow-down). */
  interval: number;
  nextPollAt: Date;
  expiresAt: Date;
}

/** Anything that sends SSO OIDC commands: an `SSOOIDCClient` (this SDK's or the AWS SDK's). */
export interface CommandSender {
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>;
}

export interface DeviceLoginOptions {
  client: CommandSender;
  /** The AWS access portal URL of the IAM Identity Center instance. */
  startUrl: string;
  /** Scopes to register the client for. @default ["sso:account:access"] */
  scopes?: string[];
  /** The name the user sees on the approval page. @default "ssokit" */
  clientName?: string;
  /** A registration from an earlier login, reused unless it expires within 15 minutes. */
  registration?: Registration;
  /** Shows the user where to go and which code to confirm. Called once, before the first poll. */
  onVerification(info: VerificationInfo): void | Promise<void>;
  /** Told before each wait, for a progress line. */
  onPoll?(info: PollInfo): void;
  /** Stops the login at once: the wait, or the request in flight. */
  signal?: AbortSignal;
  /** @default the system clock */
  clock?: Clock;
}

export interface DeviceLoginResult {
  accessToken: string;
  tokenType?: string;
  /** Seconds the access token is valid, as the service said. */
  expiresIn: number;
  expiresAt: Date;
  refreshToken?: string;
  idToken?: string;
  registration: Registration;
  /** Whether `registration` was the one passed in. */
  registrationReused: boolean;
}

/**
 * What a sign-in returns, from CreateToken's answer (checked first: a broken one is an `InvalidResponseError`):
 * expiry as a date on `clock`, and the registration used.
 */
export function loginResult(answer: unknown, clock: Clock, registration: Registration, registrationReused: boolean): DeviceLoginResult {
  const token = checkTokenAnswer(answer);
  return {
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    expiresAt: new Date(clock.now() + token.expiresIn * 1000),
    refreshToken: token.refreshToken,
    idToken: token.idToken,
    registration,
    registrationReused,
  };
}

/**
 * Signs a user in with the device authorization grant (RFC 8628): registers a client (or reuses one), starts the
 * authorization, hands the user the code, and polls `CreateToken` — waiting `interval` seconds (5 when the service
 * names none), 5 seconds more for every later poll after each `SlowDownException`, until the user approves,
 * denies, or the code expires; and at the latest when `expiresIn` runs out here, whatever the service says.
 */
export async function deviceLogin(options: DeviceLoginOptions): Promise<DeviceLoginResult> {
  const { client, signal } = options;
  const clock = options.clock ?? systemClock;
  const check = () => {
    if (signal?.aborted) throw new AbortError("The login was aborted.");
  };
  check();
  const send = (command: unknown) => client.send(command, { abortSignal: signal });

  const register = async (): Promise<Registration> => {
    const registered = await send(
      new RegisterClientCommand({ clientName: options.clientName ?? "ssokit", clientType: "public", scopes: options.scopes ?? ["sso:account:access"] }),
    );
    return { clientId: registered.clientId, clientSecret: registered.clientSecret, expiresAt: new Date(registered.clientSecretExpiresAt * 1000) };
  };
  let registration = options.registration;
  let registrationReused = registration !== undefined && registration.expiresAt.getTime() - clock.now() > REGISTRATION_MARGIN;
  if (!registrationReused) registration = await register();
  const start = () => send(new StartDeviceAuthorizationCommand({ clientId: registration!.clientId, clientSecret: registration!.clientSecret, startUrl: options.startUrl }));
  let auth;
  try {
    auth = await start();
  } catch (e) {
    // A reused registration the service no longer accepts for this grant (revoked, or registered for another
    // flow, such as the authorization code grant): register afresh, once.
    if (!registrationReused || !(isInvalidClientException(e) || isUnauthorizedClientException(e))) throw e;
    registration = await register();
    registrationReused = false;
    auth = await start();
  }
  const { clientId, clientSecret } = registration!;
  const deadline = clock.now() + (auth.expiresIn > 0 ? auth.expiresIn : 600) * 1000;
  const expiresAt = new Date(deadline);
  await options.onVerification({ verificationUri: auth.verificationUri, verificationUriComplete: auth.verificationUriComplete, userCode: auth.userCode, expiresAt });

  let interval = auth.interval > 0 ? auth.interval * 1000 : DEFAULT_INTERVAL;
  for (let polls = 0; ; ) {
    check();
    const now = clock.now();
    if (now + interval >= deadline) {
      // The next poll would come after the code expires: wait out the code's life, then stop.
      if (deadline > now) await clock.sleep(deadline - now, signal);
      throw new DeviceAuthorizationExpiredError("Deadline");
    }
    options.onPoll?.({ polls, interval, nextPollAt: new Date(now + interval), expiresAt });
    await clock.sleep(interval, signal);
    polls++;
    try {
      const token = await send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: auth.deviceCode }));
      return loginResult(token, clock, registration!, registrationReused);
    } catch (e) {
      if (isAuthorizationPendingException(e)) continue;
      if (isSlowDownException(e)) {
        interval += SLOW_DOWN_STEP;
        continue;
      }
      if (isExpiredTokenException(e)) throw new DeviceAuthorizationExpiredError("ExpiredToken", { cause: e });
      if (isAccessDeniedException(e)) throw new DeviceAuthorizationDeniedError({ cause: e });
      throw e;
    }
  }
}
