import { createHash, randomBytes } from "node:crypto";
import { secret } from "./codes";
import { ServiceError } from "./errors";
import type { ServiceClock } from "./OidcService";

/** An authorization request waiting for the user's decision on the consent page. */
export interface AuthorizeRequest {
  id: string;
  clientId: string;
  clientName: string;
  scopes: string[];
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  expiresAt: number;
  /** The person must say who they are (an application's sign-in): the page asks for a user. */
  signIn: boolean;
}

/** What the authorization endpoint answers: a page of its own, or a redirect back to the client. */
export type AuthorizeAnswer = { page: { status: number; title: string; text: string } } | { redirect: string } | { consent: AuthorizeRequest };

/** What the service knows of a client, for the authorization endpoint. */
export interface AuthorizingClient {
  clientId: string;
  clientName: string;
  grantTypes?: string[];
  redirectUris: string[];
  /** The scopes it may ask for (an application's); requests for others go back as invalid_scope, and none asked means all of them. @default any */
  scopes?: readonly string[];
  /** Whether approving needs a user to sign in (an application of CreateTokenWithIAM). @default false */
  signIn?: boolean;
}

/** What a redeemed code was issued for. */
export interface RedeemedCode {
  /** Who signed in, for an application's code. */
  userId?: string;
  scopes: string[];
  /** When the user approved, ms. */
  authTime: number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
  userId?: string;
  scopes: string[];
  authTime: number;
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]"]);

/**
 * Whether `uri` is one of the client's redirect URIs: the same string, or, for a loopback URI, the same but for the
 * port, which a native app picks at run time (RFC 8252 §7.3).
 */
export function redirectUriAllowed(registered: readonly string[], uri: string): boolean {
  let target: URL;
  try {
    target = new URL(uri);
  } catch {
    return false;
  }
  return registered.some((r) => {
    if (r === uri) return true;
    try {
      const reg = new URL(r);
      return reg.protocol === "http:" && target.protocol === "http:" && LOOPBACK.has(reg.hostname) && reg.hostname === target.hostname && reg.pathname === target.pathname && !target.search && !target.hash;
    } catch {
      return false;
    }
  });
}

/** Base64url SHA-256 of a PKCE code verifier (RFC 7636 §4.2, method S256). */
export const s256 = (verifier: string): string => createHash("sha256").update(verifier, "ascii").digest("base64url");

/**
 * The authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636), as the service's `/authorize` endpoint and
 * `CreateToken` serve it: requests wait for the user's decision; approval redirects back with a one-time code that
 * is bound to the client, the redirect URI and the code challenge, and expires after `codeTtl` seconds.
 */
export class AuthorizationCodes {
  // Private (#): codes are secrets, and must not show in inspect().
  readonly #requests = new Map<string, AuthorizeRequest>();
  readonly #codes = new Map<string, IssuedCode>();

  constructor(
    private readonly clock: ServiceClock,
    /** Seconds a request waits for the user. */
    private readonly requestTtl: number,
    /** Seconds an issued code stays redeemable. */
    private readonly codeTtl = 600,
    /** Why no request can start now (the service is full), or undefined. */
    private readonly full: () => string | undefined = () => undefined,
  ) {}

  /** Requests and codes held. */
  size(): number {
    return this.#requests.size + this.#codes.size;
  }

  stats(): { authorizationRequests: number; authorizationCodes: number } {
    return { authorizationRequests: this.#requests.size, authorizationCodes: this.#codes.size };
  }

  /** Drops requests and codes past their lifetime (a used code is kept till then, to answer "already used"). */
  sweep(): void {
    const now = this.clock.now();
    for (const [id, request] of this.#requests) if (request.expiresAt <= now) this.#requests.delete(id);
    for (const [code, issued] of this.#codes) if (issued.expiresAt <= now) this.#codes.delete(code);
  }

  /**
   * Answers `GET /authorize`. A request that cannot name a trustworthy redirect URI (unknown client, URI not
   * registered) gets a page of its own, never a redirect (RFC 6749 §4.1.2.1); other faults go back to the client.
   */
  begin(client: AuthorizingClient | undefined, params: URLSearchParams): AuthorizeAnswer {
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!client) return { page: { status: 400, title: "Unknown client", text: "The client_id is neither a registered client nor an application with the authorization code grant. Register the client first." } };
    if (!redirectUriAllowed(client.redirectUris, redirectUri)) {
      return { page: { status: 400, title: "Redirect URI not allowed", text: "The redirect_uri is not one the client registered." } };
    }
    const state = params.get("state") ?? undefined;
    const back = (error: string, description: string) => ({ redirect: withQuery(redirectUri, { error, error_description: description, state }) });
    if (params.get("response_type") !== "code") return back("unsupported_response_type", "response_type must be code");
    if (!client.grantTypes?.includes("authorization_code")) return back("unauthorized_client", "the client is not registered for the authorization_code grant");
    const codeChallenge = params.get("code_challenge") ?? "";
    if (params.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge)) {
      return back("invalid_request", "PKCE is required: code_challenge (43 to 128 characters) with code_challenge_method S256");
    }
    const full = this.full();
    if (full) return { page: { status: 429, title: "Too many sign-ins in progress", text: `This sign-in cannot start now: ${full}.` } };
    const asked = (params.get("scopes") ?? params.get("scope") ?? "").split(/[ ,]+/).filter(Boolean);
    const notAllowed = client.scopes && asked.find((s) => !client.scopes!.includes(s));
    if (notAllowed) return back("invalid_scope", `the scope ${notAllowed} is not one the application may be granted`);
    const scopes = asked.length || !client.scopes ? asked : [...client.scopes];
    const request: AuthorizeRequest = {
      id: randomBytes(16).toString("hex"),
      clientId: client.clientId,
      clientName: client.clientName,
      scopes,
      redirectUri,
      state,
      codeChallenge,
      expiresAt: this.clock.now() + this.requestTtl * 1000,
      signIn: client.signIn ?? false,
    };
    this.#requests.set(request.id, request);
    return { consent: request };
  }

  /** The request waiting for a decision under `id`, while it can still be answered. */
  pending(id: string): AuthorizeRequest | undefined {
    const request = this.#requests.get(id);
    return request && this.clock.now() < request.expiresAt ? request : undefined;
  }

  /**
   * Answers the consent form: the redirect back to the client with a code (or `access_denied`); undefined for an
   * unknown or expired request. `userId` is who signed in, for a request that needs one.
   */
  decide(id: string, approve: boolean, userId?: string): { redirect: string } | undefined {
    const request = this.pending(id);
    this.#requests.delete(id);
    if (!request) return undefined;
    if (!approve) return { redirect: withQuery(request.redirectUri, { error: "access_denied", error_description: "the user denied the request", state: request.state }) };
    const code = secret("ac-");
    const now = this.clock.now();
    this.#codes.set(code, { clientId: request.clientId, redirectUri: request.redirectUri, codeChallenge: request.codeChallenge, expiresAt: now + this.codeTtl * 1000, used: false, userId, scopes: request.scopes, authTime: now });
    return { redirect: withQuery(request.redirectUri, { code, state: request.state }) };
  }

  /** Checks a code for `CreateToken` (or CreateTokenWithIAM) and uses it up; a ServiceError says what is wrong, never echoing a secret. */
  redeem(clientId: string, code: string, redirectUri: string | undefined, codeVerifier: string | undefined): RedeemedCode {
    const issued = this.#codes.get(code);
    if (!issued || issued.clientId !== clientId) throw new ServiceError("InvalidGrantException", "unknown authorization code");
    if (issued.used) throw new ServiceError("InvalidGrantException", "the authorization code has already been used");
    issued.used = true;
    if (this.clock.now() >= issued.expiresAt) throw new ServiceError("InvalidGrantException", "the authorization code has expired; sign in again");
    if (redirectUri !== issued.redirectUri) throw new ServiceError("InvalidGrantException", "redirectUri must be the one of the authorization request");
    if (!codeVerifier || s256(codeVerifier) !== issued.codeChallenge) throw new ServiceError("InvalidGrantException", "the code verifier does not match the code challenge");
    return { userId: issued.userId, scopes: issued.scopes, authTime: issued.authTime };
  }
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.href;
}
