import type { AuthorizeRequest } from "./AuthorizationCodes";
import { escapeHtml, htmlPage } from "./htmlPage";

/**
 * The authorization endpoint's consent page: who asks, for which scopes, and where the answer goes. The form
 * posts `request` (the request's id) and `action` (approve | deny) back to the endpoint, which then redirects
 * the browser to the client's redirect URI.
 */
export function consentPage(action: string, request: AuthorizeRequest): string {
  const scopes = request.scopes.length ? request.scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(", ") : "no particular scope";
  return htmlPage(`<h1>Allow access?</h1>
<p><b>${escapeHtml(request.clientName)}</b> asks to sign in with ${scopes}.</p>
<p>The answer goes to <code>${escapeHtml(request.redirectUri)}</code>.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="request" value="${escapeHtml(request.id)}">
<button name="action" value="approve">Allow</button>
<button name="action" value="deny">Deny</button>
</form>`);
}
