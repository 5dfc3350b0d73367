import type http from "node:http";
import { normalizeUserCode } from "./codes";
import { consentPage } from "./consentPage";
import type { FormTokens } from "./FormTokens";
import { messagePage } from "./htmlPage";
import type { OidcService } from "./OidcService";
import { pageHeaders, refusePageRequest } from "./pageSecurity";
import { verificationPage } from "./verificationPage";

export const VERIFICATION_PATH = "/device";
export const AUTHORIZE_PATH = "/authorize";

export interface PageRouteDeps {
  service: OidcService;
  tokens: FormTokens;
  /** The request body as text, or undefined when it was refused (too large) and already answered. */
  readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<string | undefined>;
  send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>): void;
}

/**
 * The pages people use: the device verification (`/device`: the code, then what the application asks for, then
 * Allow or Deny) and the authorization endpoint's consent page (`/authorize`). Each form carries a token of the
 * page it came from, and a form posted from another site is refused (see pageSecurity).
 */
export function pageRoutes({ service, tokens, readBody, send }: PageRouteDeps) {
  const page = (res: http.ServerResponse, status: number, html: string, formTargets?: string[]) => send(res, status, html, pageHeaders(formTargets));
  const done = (res: http.ServerResponse, status: number, title: string, text: string, again = true) =>
    page(res, status, verificationPage({ step: "done", action: VERIFICATION_PATH, title, text, again }));
  const enter = (res: http.ServerResponse, status: number, typed?: string, problem?: string) =>
    page(res, status, verificationPage({ step: "enter", action: VERIFICATION_PATH, token: tokens.issue("device"), typed, problem }));
  const notWaiting = (code: string) => `No sign-in waits for the code ${code}: it may be mistyped, or it has expired. Check the code your device shows and type it again.`;

  /** The page for a code that can no longer be decided: what became of it, or the form to type it again. */
  const decided = (res: http.ServerResponse, code: string) => {
    const state = service.state(code);
    if (state === "approved" || state === "redeemed") return done(res, 200, "Already approved", `The code ${code} was approved; there is nothing more to do here. You can close this page.`, false);
    if (state === "denied") return done(res, 200, "Already denied", `The code ${code} was denied. To sign in after all, start the sign-in again on your device.`);
    return enter(res, 404, code, notWaiting(code));
  };

  const verification = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (req.method === "GET") {
      const prefill = url.searchParams.get("user_code");
      if (!prefill) return enter(res, 200);
      const pending = service.pending(prefill);
      if (!pending) return decided(res, normalizeUserCode(prefill));
      return page(res, 200, verificationPage({ step: "confirm", action: VERIFICATION_PATH, token: tokens.issue("device"), userCode: pending.userCode, clientName: pending.clientName }));
    }
    const text = await readBody(req, res);
    if (text === undefined) return;
    const form = new URLSearchParams(text);
    const code = normalizeUserCode(form.get("user_code") ?? "");
    const action = form.get("action");
    const expired = () => done(res, 403, "This page has expired", "Nothing was done: the page was too old, or not one of this service's. Open the sign-in link again.");
    if (action === "confirm") {
      if (!tokens.check(form.get("csrf"), "device")) return expired();
      const pending = service.pending(code);
      if (!pending) return decided(res, code);
      return page(res, 200, verificationPage({ step: "allow", action: VERIFICATION_PATH, token: tokens.issue(`decide:${code}`), userCode: code, clientName: pending.clientName, scopes: pending.scopes }));
    }
    if (action !== "approve" && action !== "deny") return done(res, 400, "Nothing done", "The form must say action=confirm, approve or deny.");
    if (!tokens.check(form.get("csrf"), `decide:${code}`)) return expired();
    if (!service.decide(code, action === "approve")) return decided(res, code);
    if (action === "approve") return done(res, 200, "Access allowed", `The code ${code} is approved: your device finishes signing in. You can close this page.`, false);
    done(res, 200, "Access denied", `The code ${code} is denied: the device will not be signed in. You can close this page.`, false);
  };

  const authorization = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (req.method === "GET") {
      const answer = service.authorize(url.searchParams);
      if ("redirect" in answer) return send(res, 302, "", { location: answer.redirect });
      if ("page" in answer) return page(res, answer.page.status, messagePage(answer.page.title, answer.page.text));
      // The form posts here, and the answer then goes on to the client's redirect URI: both are allowed targets.
      return page(res, 200, consentPage(AUTHORIZE_PATH, answer.consent, tokens.issue(`authorize:${answer.consent.id}`)), [new URL(answer.consent.redirectUri).origin]);
    }
    const text = await readBody(req, res);
    if (text === undefined) return;
    const form = new URLSearchParams(text);
    const action = form.get("action");
    const id = form.get("request") ?? "";
    if (action !== "approve" && action !== "deny") return page(res, 400, messagePage("Nothing done", "The form must say action=approve or action=deny."));
    if (!tokens.check(form.get("csrf"), `authorize:${id}`)) return page(res, 403, messagePage("This page has expired", "Nothing was done: the page was too old, or not one of this service's. Start the sign-in again."));
    const request = service.authorizationRequest(id);
    // An application's user must sign in as one of the service's users to allow it; a mistyped name gets the page again.
    const user = request?.signIn && action === "approve" ? service.signIn(form.get("user") ?? "") : undefined;
    if (request?.signIn && action === "approve" && !user) {
      const typed = (form.get("user") ?? "").slice(0, 200);
      const problem = typed.trim() ? `No user here is called ${typed.trim()}. Type a user name or an email of the service's users.` : "Type who signs in: a user name or an email.";
      return page(res, 200, consentPage(AUTHORIZE_PATH, request, tokens.issue(`authorize:${id}`), { typed, problem }), [new URL(request.redirectUri).origin]);
    }
    const answer = service.decideAuthorization(id, action === "approve", user);
    if (!answer) return page(res, 404, messagePage("Request not found", "This sign-in request is unknown, expired, or already answered. Start the sign-in again."));
    send(res, 302, "", { location: answer.redirect });
  };

  /** Serves a page request; false when the path is not one of the pages. */
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> => {
    const route = url.pathname === VERIFICATION_PATH ? verification : url.pathname === AUTHORIZE_PATH ? authorization : undefined;
    if (!route || (req.method !== "GET" && req.method !== "POST")) return false;
    const refusal = refusePageRequest(req);
    if (refusal) {
      req.resume();
      page(res, refusal.status, messagePage(refusal.title, refusal.text));
    } else {
      await route(req, res, url);
    }
    return true;
  };
}
