import { AbortError, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import {
  deviceLogin,
  DeviceAuthorizationDeniedError,
  DeviceAuthorizationExpiredError,
  type DeviceLoginOptions,
} from "@ssokit/sso-login";
import { startLocalServer, type LocalServer, type LocalServerOptions } from "@ssokit/sso-oidc-local";
import { fakeClock } from "../../core/test/support/fakeClock";


let server: LocalServer;
let client: SSOOIDCClient;
/** One fake time for the service, the client's retries and the login's waits: sleeping moves it. */
let time: ReturnType<typeof fakeClock>;

async function setup(options: LocalServerOptions = {}) {
  time = fakeClock(Date.UTC(2026, 10, 26, 12));
  server = await startLocalServer({ clock: time.clock, ...options });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock: time.clock });
}
afterEach(async () => {
  client.destroy();
  await server.close();
});

const login = (extra: Partial<DeviceLoginOptions> = {}) =>
  deviceLogin({ client, startUrl: "https://d-1.awsapps.com/start", clock: time.clock, onVerification: () => {}, ...extra });

describe("deviceLogin", () => {
  it("returns tokens once the user approves, after pending polls at the service's interval", async () => {
    await setup({ interval: 2 });
    let userCode = "";
    const polls: number[] = [];
    const result = await login({
      onVerification: (info) => {
        userCode = info.userCode;
        expect(info.verificationUriComplete).toBe(`${server.url}/device?user_code=${info.userCode}`);
      },
      onPoll: ({ polls: n }) => {
        polls.push(n);
        if (n === 3) server.approve(userCode);
      },
    });
    expect(result.accessToken).toMatch(/^aoa-/);
    expect(result.refreshToken).toMatch(/^aor-/);
    expect(result.registrationReused).toBe(false);
    expect(result.expiresAt.getTime()).toBe(time.now() + 3600_000);
    expect(polls).toEqual([0, 1, 2, 3]);
    expect(time.sleeps).toEqual([2000, 2000, 2000, 2000]);
    expect(server.calls().CreateToken).toBe(4);
  });

  it("adds 5 s to the interval after every slow-down, for all later polls", async () => {
    await setup({ interval: 1 });
    server.failNext("CreateToken", 2, { exception: "SlowDownException" });
    let userCode = "";
    await login({
      onVerification: (info) => void (userCode = info.userCode),
      onPoll: ({ polls }) => polls === 3 && server.approve(userCode),
    });
    expect(time.sleeps).toEqual([1000, 6000, 11000, 11000]);
  });

  it("waits 5 s between polls when the service names no interval", async () => {
    await setup({ interval: 0 });
    let userCode = "";
    await login({ onVerification: (info) => void (userCode = info.userCode), onPoll: ({ polls }) => polls === 1 && server.approve(userCode) });
    expect(time.sleeps).toEqual([5000, 5000]);
  });

  it("throws DeviceAuthorizationDeniedError when the user denies", async () => {
    await setup();
    const e = await login({ onVerification: (info) => void server.deny(info.userCode) }).catch((x) => x);
    expect(e).toBeInstanceOf(DeviceAuthorizationDeniedError);
    expect(e.code).toBe("AccessDenied");
    expect(e.cause.name).toBe("AccessDeniedException");
  });

  it("throws DeviceAuthorizationExpiredError (ExpiredToken) when the service says the code expired", async () => {
    await setup({ deviceCodeTtl: 600 });
    server.failNext("CreateToken", 1, { exception: "ExpiredTokenException" });
    const e = await login().catch((x) => x);
    expect(e).toBeInstanceOf(DeviceAuthorizationExpiredError);
    expect(e.code).toBe("ExpiredToken");
  });

  it("stops at the local deadline from expiresIn even while the service keeps saying pending", async () => {
    await setup({ deviceCodeTtl: 30, interval: 4 });
    server.failNext("CreateToken", 1000, { exception: "AuthorizationPendingException" });
    const started = time.now();
    const e = await login().catch((x) => x);
    expect(e).toBeInstanceOf(DeviceAuthorizationExpiredError);
    expect(e.code).toBe("Deadline");
    expect(time.now() - started).toBe(30_000);
    expect(server.calls().CreateToken).toBe(7);
  });

  it("stops at once when the signal aborts, sending nothing more", async () => {
    await setup();
    const controller = new AbortController();
    const e = await login({ signal: controller.signal, onPoll: ({ polls }) => polls === 2 && controller.abort() }).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(server.calls().CreateToken).toBe(2);
  });

  it("throws at once when the signal is already aborted, registering nothing", async () => {
    await setup();
    const e = await login({ signal: AbortSignal.abort() }).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(server.calls().RegisterClient).toBe(0);
  });

  it("gets through server errors, which the client retries", async () => {
    await setup();
    server.failNext("CreateToken", 2, { exception: "InternalServerException" });
    const result = await login({ onVerification: (info) => void server.approve(info.userCode) });
    expect(result.accessToken).toMatch(/^aoa-/);
    expect(server.calls().CreateToken).toBe(3);
  });

  it("passes any other error through as it is", async () => {
    await setup();
    server.failNext("StartDeviceAuthorization", 1, { exception: "InvalidRequestException" });
    const e = await login().catch((x) => x);
    expect(e.name).toBe("InvalidRequestException");
  });

  it("reuses a registration until 15 minutes before it expires", async () => {
    await setup();
    let userCode = "";
    const approve = { onVerification: (info: { userCode: string }) => void server.approve((userCode = info.userCode)) };
    const first = await login(approve);
    expect(server.calls().RegisterClient).toBe(1);
    const second = await login({ ...approve, registration: first.registration });
    expect(second.registrationReused).toBe(true);
    expect(second.registration).toBe(first.registration);
    expect(server.calls().RegisterClient).toBe(1);
    const nearlyExpired = { ...first.registration, expiresAt: new Date(time.now() + 14 * 60_000) };
    const third = await login({ ...approve, registration: nearlyExpired });
    expect(third.registrationReused).toBe(false);
    expect(third.registration.clientId).not.toBe(first.registration.clientId);
    expect(server.calls().RegisterClient).toBe(2);
    expect(userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  });

  it("registers afresh, once, when the service refuses a reused registration for this grant", async () => {
    await setup();
    const approve = { onVerification: (info: { userCode: string }) => void server.approve(info.userCode) };
    // A registration for the authorization code grant only (as a PKCE login leaves in the cache).
    const { RegisterClientCommand } = await import("@ssokit/client-sso-oidc");
    const reg = await client.send(
      new RegisterClientCommand({ clientName: "pkce", clientType: "public", grantTypes: ["authorization_code", "refresh_token"], redirectUris: ["http://127.0.0.1/oauth/callback"] }),
    );
    const pkceOnly = { clientId: reg.clientId!, clientSecret: reg.clientSecret!, expiresAt: new Date(reg.clientSecretExpiresAt! * 1000) };
    const result = await login({ ...approve, registration: pkceOnly });
    expect([result.registrationReused, result.registration.clientId === pkceOnly.clientId, server.calls().RegisterClient, server.calls().StartDeviceAuthorization]).toEqual([false, false, 2, 2]);
    // A fresh registration that is refused is not retried.
    server.failNext("StartDeviceAuthorization", 1, { exception: "UnauthorizedClientException" });
    const e = await login(approve).catch((err) => err);
    expect([e.name, server.calls().RegisterClient]).toEqual(["UnauthorizedClientException", 3]);
  });
});
