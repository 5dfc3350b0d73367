import { CreateTokenCommand, RegisterClientCommand } from "@ssokit/client-sso-oidc";
import { AbortError, scrubError, systemClock, type Clock } from "@ssokit/core";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loginResult, REGISTRATION_MARGIN, type CommandSender, type DeviceLoginResult, type Registration } from "./deviceLogin";
import { AuthorizationCodeError } from "./errors/AuthorizationCodeError";

/** The redirect URI registered for the client; the port is picked at sign-in time (RFC 8252 §7.3). */
export const LOOPBACK_REDIRECT_URI = "http://127.0.0.1/oauth/callback";
/** How long the sign-in waits for the browser by default, ms. */
export const AUTHORIZATION_TIMEOUT = 10 * 60 * 1000;

export interface AuthorizationCodeLoginOptions {
  client: CommandSender;
  /** The AWS access portal URL; registered as the client's issuer. */
  startUrl: string;
  /** Scopes to register the client for and to ask for. @default ["sso:account:access"] */
  scopes?: string[];
  /** The name the user sees on the consent page. @default "ssokit" */
  clientName?: string;
  /** A registration for the authorization_code grant with the loopback redirect URI, reused unless it expires within 15 minutes. */
  registration?: Registration;
  /** The service's authorization endpoint. @default `<the client's endpoint>/authorize` (needs this SDK's client) */
  authorizeUrl?: string;
  /** Shows the user the URL to open in a browser (and may open it). Called once, when the loopback is listening. */
  onAuthorizeUrl(url: string): void | Promise<void>;
  /** Port of the loopback redirect. @default 0 (a free port) */
  redirectPort?: number;
  /** How long to wait for the browser's answer, ms. @default 600000 (10 minutes) */
  timeout?: number;
  /** Stops the sign-in at once. */
  signal?: AbortSignal;
  /** @default the system clock */
  clock?: Clock;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`;
/** The loopback's pages: not to be framed by another site, no script, no referrer (the URL holds the code). */
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

/** The authorization endpoint of the client's service: `<endpoint>/authorize`. */
async function authorizeEndpoint(options: AuthorizationCodeLoginOptions): Promise<string> {
  if (options.authorizeUrl) return options.authorizeUrl;
  const config = (options.client as { config?: { resolveEndpoint?: () => Promise<{ url: URL }> } }).config;
  if (typeof config?.resolveEndpoint !== "function") {
    throw new TypeError("authorizationCodeLogin: pass authorizeUrl (such as https://oidc.us-east-1.amazonaws.com/authorize) for a client that is not an ssokit SSOOIDCClient.");
  }
  const { url } = await config.resolveEndpoint();
  return `${url.href.replace(/\/$/, "")}/authorize`;
}

/**
 * Signs a user in with the authorization code grant and PKCE (RFC 6749 §4.1, RFC 7636), the flow the AWS CLI uses
 * by default: registers a client for it (or reuses one), listens on a loopback port, hands the authorization URL to
 * `onAuthorizeUrl`, waits for the browser to come back with a code (checking `state`), and exchanges the code and
 * its verifier for tokens. The verifier and the code never leave this process except to the service.
 */
export async function authorizationCodeLogin(options: AuthorizationCodeLoginOptions): Promise<DeviceLoginResult> {
  const { client, signal } = options;
  const clock = options.clock ?? systemClock;
  if (signal?.aborted) throw new AbortError("The login was aborted.");
  const send = (command: unknown) => client.send(command, { abortSignal: signal });
  const scopes = options.scopes ?? ["sso:account:access"];

  let registration = options.registration;
  const registrationReused = registration !== undefined && registration.expiresAt.getTime() - clock.now() > REGISTRATION_MARGIN;
  if (!registrationReused) {
    const registered = await send(
      new RegisterClientCommand({
        clientName: options.clientName ?? "ssokit",
        clientType: "public",
        scopes,
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: [LOOPBACK_REDIRECT_URI],
        issuerUrl: options.startUrl,
      }),
    );
    registration = { clientId: registered.clientId, clientSecret: registered.clientSecret, expiresAt: new Date(registered.clientSecretExpiresAt * 1000) };
  }
  const { clientId, clientSecret } = registration!;
  const endpoint = await authorizeEndpoint(options);

  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  // The first outcome wins (a promise settles once): the browser's answer, the timeout, or an abort.
  let finish!: (outcome: { code: string } | { error: unknown }) => void;
  const answer = new Promise<string>((resolve, reject) => (finish = (outcome) => ("code" in outcome ? resolve(outcome.code) : reject(outcome.error))));
  // Awaited below; an answer that fails before then (an abort during onAuthorizeUrl) must not count as unhandled.
  answer.catch(() => {});

  const loopback = http.createServer((req, res) => {
    const reply = (status: number, title: string, text: string) => res.writeHead(status, PAGE_HEADERS).end(PAGE(title, text));
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://127.0.0.1");
    } catch {
      // A target such as `//` that Node's URL parser rejects: any web page can send one here (an <img> will do),
      // and it must not end the sign-in.
      return reply(400, "Bad request", "This address is not one the sign-in answers.");
    }
    if (url.pathname !== "/oauth/callback") return reply(404, "Not found", "Nothing here.");
    // An answer for another sign-in (a stale tab, or a forged link) is turned away, and this one goes on waiting.
    if (url.searchParams.get("state") !== state) return reply(400, "Not this sign-in", "This answer does not belong to the sign-in in progress. Use the link the application showed last.");
    const error = url.searchParams.get("error");
    if (error) {
      const denied = error === "access_denied";
      reply(200, denied ? "Sign-in denied" : "Sign-in failed", denied ? "You denied the request. You can close this window." : "The service refused the request. You can close this window.");
      const description = url.searchParams.get("error_description");
      return finish({
        error: denied
          ? new AuthorizationCodeError("AccessDenied", "The sign-in was denied in the browser. Start the login again if that was a mistake.")
          : // What comes back in the browser's URL may echo a secret of the sign-in; the error never holds one.
            scrubError(
              new AuthorizationCodeError(error, `The service refused the sign-in request (${error}${description ? `: ${description}` : ""}). Check the client registration and start the login again.`),
              [clientSecret, verifier, state],
            ),
      });
    }
    const code = url.searchParams.get("code");
    if (!code) return reply(400, "No code", "The answer carries no authorization code.");
    reply(200, "Signed in", "You can close this window and return to the application.");
    finish({ code });
  });
  const stop = new AbortController();
  const onAbort = () => finish({ error: new AbortError("The login was aborted.") });
  try {
    await new Promise<void>((resolve, reject) => {
      loopback.once("error", reject);
      loopback.listen(options.redirectPort ?? 0, "127.0.0.1", () => resolve());
    });
    const redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/oauth/callback`;
    const url = new URL(endpoint);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge: createHash("sha256").update(verifier, "ascii").digest("base64url"),
      code_challenge_method: "S256",
      scopes: scopes.join(","),
    }).toString();

    signal?.addEventListener("abort", onAbort);
    if (signal?.aborted) onAbort();
    const timeout = options.timeout ?? AUTHORIZATION_TIMEOUT;
    clock.sleep(timeout, stop.signal).then(
      () => finish({ error: new AuthorizationCodeError("Timeout", `No answer from the browser within ${Math.round(timeout / 60_000)} min. Start the login again and finish it in the browser.`) }),
      () => {}, // stopped: the sign-in ended first
    );
    await options.onAuthorizeUrl(url.href);
    const code = await answer;
    const token = await send(new CreateTokenCommand({ clientId, clientSecret, grantType: "authorization_code", code, codeVerifier: verifier, redirectUri }));
    return loginResult(token, clock, registration!, registrationReused);
  } finally {
    stop.abort();
    signal?.removeEventListener("abort", onAbort);
    loopback.close();
    loopback.closeAllConnections();
  }
}
