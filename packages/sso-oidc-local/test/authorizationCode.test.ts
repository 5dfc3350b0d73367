import { CreateTokenCommand as OfficialCreateToken, SSOOIDCClient as OfficialClient } from "@aws-sdk/client-sso-oidc";
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from "@ssokit/client-sso-oidc";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// The authorization code grant with PKCE, as the AWS CLI and IDE toolkits use it: RegisterClient for
// authorization_code with a loopback redirect URI, the browser at /authorize, CreateToken with code and verifier.
let now = Date.UTC(2026, 10, 26, 12);
const clock = { now: () => now };
let server: LocalServer;
let client: SSOOIDCClient;
let loopback: http.Server;
let redirectUri: string;
const callbacks: URLSearchParams[] = [];

beforeAll(async () => {
  server = await startLocalServer({ clock });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1 });
  // The client's side of the redirect: a loopback server on a port picked at run time (RFC 8252 §7.3).
  loopback = http.createServer((req, res) => {
    callbacks.push(new URL(req.url!, "http://127.0.0.1").searchParams);
    res.writeHead(200, { "content-type": "text/plain" }).end("signed in");
  });
  await new Promise<void>((resolve) => loopback.listen(0, "127.0.0.1", resolve));
  redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/oauth/callback`;
});
afterAll(async () => {
  client.destroy();
  loopback.closeAllConnections();
  await new Promise((resolve) => loopback.close(resolve));
  await server.close();
});
beforeEach(() => callbacks.splice(0));

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e) => e);
const register = (extra: object = {}) =>
  client.send(
    new RegisterClientCommand({
      clientName: "pkce-cli",
      clientType: "public",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      issuerUrl: "https://d-1.awsapps.com/start",
      ...extra,
    }),
  );

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(clientId: string, challenge: string, extra: Record<string, string> = {}) {
  const url = new URL(server.authorizeUri);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    scopes: "sso:account:access",
    redirect_uri: redirectUri,
    state: "st-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  }).toString();
  return url.href;
}

/** Registers, authorizes in the "browser" and returns what the loopback received, with what CreateToken needs. */
async function authorizedCode() {
  const reg = await register();
  const { verifier, challenge } = pkce();
  const landed = await server.completeAuthorization(authorizeUrl(reg.clientId!, challenge));
  expect([landed.status, landed.text]).toEqual([200, "signed in"]);
  const params = callbacks.at(-1)!;
  return { reg, verifier, code: params.get("code")!, state: params.get("state") };
}

const redeem = (reg: { clientId?: string; clientSecret?: string }, code: string, verifier: string, uri = redirectUri) =>
  client.send(new CreateTokenCommand({ clientId: reg.clientId!, clientSecret: reg.clientSecret!, grantType: "authorization_code", code, codeVerifier: verifier, redirectUri: uri }));

describe("authorization code grant with PKCE", () => {
  it("redirects to the loopback with a code and the state, then issues tokens that refresh", async () => {
    const { reg, verifier, code, state } = await authorizedCode();
    expect([state, code.startsWith("ac-")]).toEqual(["st-1", true]);
    const token = await redeem(reg, code, verifier);
    expect([token.tokenType, token.expiresIn, token.accessToken?.startsWith("aoa-"), token.refreshToken?.startsWith("aor-")]).toEqual(["Bearer", 3600, true, true]);
    const refreshed = await client.send(new CreateTokenCommand({ clientId: reg.clientId!, clientSecret: reg.clientSecret!, grantType: "refresh_token", refreshToken: token.refreshToken }));
    expect(refreshed.accessToken).not.toBe(token.accessToken);
  });

  it("refuses a wrong code verifier, and the code is then used up", async () => {
    const { reg, verifier, code } = await authorizedCode();
    const wrong = await failure(redeem(reg, code, pkce().verifier));
    expect([wrong.name, wrong.message]).toEqual(["InvalidGrantException", "the code verifier does not match the code challenge"]);
    const again = await failure(redeem(reg, code, verifier));
    expect([again.name, again.message]).toEqual(["InvalidGrantException", "the authorization code has already been used"]);
  });

  it("refuses a code redeemed with another redirect URI, twice, or after 10 minutes", async () => {
    const first = await authorizedCode();
    expect((await failure(redeem(first.reg, first.code, first.verifier, "http://127.0.0.1:1/oauth/callback"))).message).toBe("redirectUri must be the one of the authorization request");
    const second = await authorizedCode();
    await redeem(second.reg, second.code, second.verifier);
    expect((await failure(redeem(second.reg, second.code, second.verifier))).message).toBe("the authorization code has already been used");
    const third = await authorizedCode();
    now += 601_000;
    expect((await failure(redeem(third.reg, third.code, third.verifier))).message).toBe("the authorization code has expired; sign in again");
  });

  it("redirects access_denied with the state when the user denies", async () => {
    const reg = await register();
    const landed = await server.completeAuthorization(authorizeUrl(reg.clientId!, pkce().challenge), "deny");
    expect(landed.status).toBe(200);
    expect(Object.fromEntries(callbacks.at(-1)!)).toEqual({ error: "access_denied", error_description: "the user denied the request", state: "st-1" });
  });

  it("redirects invalid_request without PKCE, and unsupported_response_type for another response type", async () => {
    const reg = await register();
    await server.completeAuthorization(authorizeUrl(reg.clientId!, "short"));
    expect(callbacks.at(-1)!.get("error")).toBe("invalid_request");
    await server.completeAuthorization(authorizeUrl(reg.clientId!, pkce().challenge, { code_challenge_method: "plain" }));
    expect(callbacks.at(-1)!.get("error")).toBe("invalid_request");
    await server.completeAuthorization(authorizeUrl(reg.clientId!, pkce().challenge, { response_type: "token" }));
    expect([callbacks.at(-1)!.get("error"), callbacks.at(-1)!.get("state")]).toEqual(["unsupported_response_type", "st-1"]);
  });

  it("shows an error page, and redirects nowhere, for an unknown client or a redirect URI the client did not register", async () => {
    const reg = await register();
    const unknown = await server.completeAuthorization(authorizeUrl("cid-unknown", pkce().challenge));
    expect([unknown.status, unknown.redirectedTo, unknown.text.includes("Unknown client")]).toEqual([400, undefined, true]);
    for (const uri of ["http://127.0.0.1:9/elsewhere", "http://evil.example/oauth/callback", "not a url"]) {
      const page = await server.completeAuthorization(authorizeUrl(reg.clientId!, pkce().challenge, { redirect_uri: uri }));
      expect([uri, page.status, page.redirectedTo, page.text.includes("Redirect URI not allowed")]).toEqual([uri, 400, undefined, true]);
    }
    expect(callbacks).toHaveLength(0);
  });

  it("keeps each grant to the clients registered for it", async () => {
    const deviceOnly = await client.send(new RegisterClientCommand({ clientName: "device-cli", clientType: "public" }));
    await server.completeAuthorization(authorizeUrl(deviceOnly.clientId!, pkce().challenge));
    // A device client registered no redirect URI: the request cannot go back to it.
    expect(callbacks).toHaveLength(0);
    const refused = await failure(redeem(deviceOnly, "ac-x", "v"));
    expect(refused.name).toBe("UnauthorizedClientException");
    const pkceOnly = await register({ grantTypes: ["authorization_code"] });
    const device = await failure(client.send(new StartDeviceAuthorizationCommand({ clientId: pkceOnly.clientId!, clientSecret: pkceOnly.clientSecret!, startUrl: "https://d-1.awsapps.com/start" })));
    expect([device.name, device.message]).toEqual(["UnauthorizedClientException", "the client is not registered for the device_code grant"]);
  });

  it("refuses registrations with unknown grants or unusable redirect URIs", async () => {
    const cases: [object, string, string][] = [
      [{ grantTypes: ["implicit"] }, "InvalidClientMetadataException", 'grant type "implicit" is not one this service issues'],
      [{ redirectUris: [] }, "InvalidRedirectUriException", "the authorization_code grant needs at least one redirect URI"],
      [{ redirectUris: ["http://example.com/cb"] }, "InvalidRedirectUriException", 'redirect URI "http://example.com/cb" must be https, or http on 127.0.0.1 or [::1]'],
    ];
    for (const [extra, name, message] of cases) {
      const e = await failure(register(extra));
      expect([name, message, e.name, e.message]).toEqual([name, message, name, message]);
    }
  });

  it("serves @aws-sdk/client-sso-oidc the same way", async () => {
    const { reg, verifier, code } = await authorizedCode();
    const official = new OfficialClient({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "x", secretAccessKey: "y" } });
    const token = await official.send(new OfficialCreateToken({ clientId: reg.clientId!, clientSecret: reg.clientSecret!, grantType: "authorization_code", code, codeVerifier: verifier, redirectUri }));
    official.destroy();
    expect([token.tokenType, token.accessToken?.startsWith("aoa-")]).toEqual(["Bearer", true]);
  });
});
