import { AbortError, RegisterClientCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { AuthorizationCodeError, authorizationCodeLogin, LOOPBACK_REDIRECT_URI, type AuthorizationCodeLoginOptions } from "@ssokit/sso-login";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import net from "node:net";
import { rawRequest } from "../../core/test/support/rawRequest";

/** Time that moves only when the test says: the sign-in's timeout fires when `expire()` is called. */
function heldClock() {
  let now = Date.UTC(2026, 10, 26, 12);
  const waiting: (() => void)[] = [];
  return {
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new AbortError());
        signal?.addEventListener("abort", () => reject(new AbortError()));
        waiting.push(() => {
          now += ms;
          resolve();
        });
      }),
    expire: () => waiting.splice(0).forEach((wake) => wake()),
  };
}

let server: LocalServer;
let client: SSOOIDCClient;
let clock: ReturnType<typeof heldClock>;
beforeEach(async () => {
  clock = heldClock();
  server = await startLocalServer({ clock });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock, maxAttempts: 1 });
});
afterEach(async () => {
  client.destroy();
  await server.close();
});

const startUrl = "https://d-1.awsapps.com/start";
const login = (extra: Partial<AuthorizationCodeLoginOptions> = {}) =>
  authorizationCodeLogin({ client, startUrl, clock, onAuthorizeUrl: (url) => void server.completeAuthorization(url), ...extra });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e) => e);
/** Whether something listens on a loopback port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
  });

describe("authorizationCodeLogin", () => {
  it("signs in through the browser and the loopback redirect, with PKCE and a state, and returns tokens", async () => {
    let seen: URL | undefined;
    const result = await login({
      scopes: ["sso:account:access", "codewhisperer:completions"],
      onAuthorizeUrl: async (url) => {
        seen = new URL(url);
        const landed = await server.completeAuthorization(url);
        expect([landed.status, landed.text.includes("Signed in")]).toEqual([200, true]);
      },
    });
    expect(seen!.origin + seen!.pathname).toBe(server.authorizeUri);
    const q = Object.fromEntries(seen!.searchParams);
    expect(Object.keys(q).sort()).toEqual(["client_id", "code_challenge", "code_challenge_method", "redirect_uri", "response_type", "scopes", "state"]);
    expect([q.response_type, q.code_challenge_method, q.scopes, q.client_id]).toEqual(["code", "S256", "sso:account:access,codewhisperer:completions", result.registration.clientId]);
    expect(q.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.state.length).toBeGreaterThanOrEqual(22);
    expect([result.tokenType, result.expiresIn, result.accessToken.startsWith("aoa-"), result.refreshToken?.startsWith("aor-"), result.registrationReused]).toEqual(["Bearer", 3600, true, true, false]);
    expect(result.expiresAt.getTime()).toBe(clock.now() + 3600_000);
    // The loopback is closed once the sign-in is over.
    expect(await listening(+new URL(q.redirect_uri).port)).toBe(false);
  });

  it("never lets the code or the verifier into the client's log records", async () => {
    const records: unknown[] = [];
    const logger = { debug() {}, warn() {}, info: (r: unknown) => records.push(r), error: (r: unknown) => records.push(r) };
    const logged = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, clock, maxAttempts: 1, logger });
    let code = "";
    const result = await authorizationCodeLogin({
      client: logged,
      startUrl,
      clock,
      onAuthorizeUrl: async (url) => {
        code = new URL((await server.completeAuthorization(url)).redirectedTo!).searchParams.get("code")!;
      },
    });
    logged.destroy();
    const text = JSON.stringify(records);
    const createToken = (records as any[]).find((r) => r.commandName === "CreateTokenCommand");
    expect([createToken.input.code, createToken.input.codeVerifier, createToken.input.grantType]).toEqual(["***SensitiveInformation***", "***SensitiveInformation***", "authorization_code"]);
    for (const secret of [code, result.accessToken, result.refreshToken!, result.registration.clientSecret]) expect([secret.slice(0, 3), text.includes(secret)]).toEqual([secret.slice(0, 3), false]);
  });

  it("turns away an answer with another state and keeps waiting for the real one", async () => {
    const result = await login({
      onAuthorizeUrl: async (url) => {
        const redirect = new URL(url).searchParams.get("redirect_uri")!;
        const forged = await fetch(`${redirect}?code=ac-forged&state=not-this-one`);
        expect([forged.status, (await forged.text()).includes("Not this sign-in")]).toEqual([400, true]);
        // Its pages cannot be framed by another site either.
        expect([forged.headers.get("x-frame-options"), forged.headers.get("content-security-policy")]).toEqual(["DENY", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"]);
        await server.completeAuthorization(url);
      },
    });
    expect(result.accessToken.startsWith("aoa-")).toBe(true);
  });

  it("answers a request target Node's URL parser rejects (//) with 400 on the loopback, and the sign-in goes on", async () => {
    const statuses: (number | string)[] = [];
    const result = await login({
      onAuthorizeUrl: async (url) => {
        // What <img src="http://127.0.0.1:PORT//"> on any web page sends while the user signs in.
        const port = +new URL(new URL(url).searchParams.get("redirect_uri")!).port;
        for (const target of ["//", "//[", "//:99999"]) statuses.push(await rawRequest(port, target));
        await server.completeAuthorization(url);
      },
    });
    expect([statuses, result.accessToken.startsWith("aoa-")]).toEqual([[400, 400, 400], true]);
  });

  it("reuses a registration that is not near its expiry", async () => {
    const first = await login();
    const calls = server.calls().RegisterClient;
    const second = await login({ registration: first.registration });
    expect([second.registrationReused, server.calls().RegisterClient - calls, second.registration.clientId]).toEqual([true, 0, first.registration.clientId]);
  });

  it("throws AuthorizationCodeError AccessDenied when the user denies in the browser", async () => {
    const e = await failure(login({ onAuthorizeUrl: (url) => void server.completeAuthorization(url, "deny") }));
    expect(e).toBeInstanceOf(AuthorizationCodeError);
    expect([e.code, e.message]).toEqual(["AccessDenied", "The sign-in was denied in the browser. Start the login again if that was a mistake."]);
  });

  it("throws AuthorizationCodeError with the OAuth error the service redirects with", async () => {
    const reg = await client.send(new RegisterClientCommand({ clientName: "refresh-only", clientType: "public", grantTypes: ["refresh_token"], redirectUris: [LOOPBACK_REDIRECT_URI] }));
    const registration = { clientId: reg.clientId!, clientSecret: reg.clientSecret!, expiresAt: new Date(reg.clientSecretExpiresAt! * 1000) };
    const e = await failure(login({ registration }));
    expect([e.name, e.code, e.message]).toEqual([
      "AuthorizationCodeError",
      "unauthorized_client",
      "The service refused the sign-in request (unauthorized_client: the client is not registered for the authorization_code grant). Check the client registration and start the login again.",
    ]);
  });

  it("masks a secret of the sign-in that the service echoes in the error it redirects with", async () => {
    const reg = await client.send(new RegisterClientCommand({ clientName: "x", clientType: "public", grantTypes: ["authorization_code"], redirectUris: [LOOPBACK_REDIRECT_URI] }));
    const registration = { clientId: reg.clientId!, clientSecret: reg.clientSecret!, expiresAt: new Date(reg.clientSecretExpiresAt! * 1000) };
    const e = await failure(
      login({
        registration,
        onAuthorizeUrl: async (url) => {
          const q = new URL(url).searchParams;
          const back = new URL(q.get("redirect_uri")!);
          back.search = new URLSearchParams({ error: `bad_${reg.clientSecret}`, error_description: `client secret ${reg.clientSecret} refused`, state: q.get("state")! }).toString();
          await fetch(back);
        },
      }),
    );
    expect(e.name).toBe("AuthorizationCodeError");
    for (const text of [e.code, e.message, String(e), String(e.stack), JSON.stringify(e)]) expect(text.includes(reg.clientSecret!)).toBe(false);
    expect(e.message).toBe("The service refused the sign-in request (bad_***SensitiveInformation***: client secret ***SensitiveInformation*** refused). Check the client registration and start the login again.");
  });

  it("throws AuthorizationCodeError Timeout when no answer comes, and closes the loopback", async () => {
    let port = 0;
    const e = await failure(
      login({
        timeout: 120_000,
        onAuthorizeUrl: (url) => {
          port = +new URL(new URL(url).searchParams.get("redirect_uri")!).port;
          setImmediate(() => clock.expire());
        },
      }),
    );
    expect([e.name, e.code, e.message]).toEqual(["AuthorizationCodeError", "Timeout", "No answer from the browser within 2 min. Start the login again and finish it in the browser."]);
    expect(await listening(port)).toBe(false);
  });

  it("stops at once when the signal aborts, and listens on the port asked for", async () => {
    const controller = new AbortController();
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const e = await failure(
      login({
        redirectPort: port,
        signal: controller.signal,
        onAuthorizeUrl: async (url) => {
          expect(new URL(url).searchParams.get("redirect_uri")).toBe(`http://127.0.0.1:${port}/oauth/callback`);
          expect(await listening(port)).toBe(true);
          controller.abort();
        },
      }),
    );
    expect(e.name).toBe("AbortError");
    expect(await listening(port)).toBe(false);
  });

  it("needs authorizeUrl for a client that does not say its endpoint", async () => {
    const other = { send: (command: any) => client.send(command) };
    const e = await failure(authorizationCodeLogin({ client: other, startUrl, clock, onAuthorizeUrl: () => {} }));
    expect([e.name, e.message]).toEqual(["TypeError", "authorizationCodeLogin: pass authorizeUrl (such as https://oidc.us-east-1.amazonaws.com/authorize) for a client that is not an ssokit SSOOIDCClient."]);
    const result = await authorizationCodeLogin({ client: other, startUrl, clock, authorizeUrl: server.authorizeUri, onAuthorizeUrl: (url) => void server.completeAuthorization(url) });
    expect(result.accessToken.startsWith("aoa-")).toBe(true);
  });
});
