import type { AuthorizeRequest } from "./AuthorizationCodes";
import { escapeHtml, htmlPage } from "./htmlPage";

/**
 * The authorization endpoint's consent page: who asks, for which scopes, and where the answer goes. The form
 * posts `csrf` (the page's token), `request` (the request's id) and `action` (approve | deny) back to the
 * endpoint, which then redirects the browser to the client's redirect URI.
 */
export function consentPage(action: string, request: AuthorizeRequest, token: string): string {
  const scopes = request.scopes.length
    ? `<ul class="scopes">${request.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("")}</ul>`
    : "<p>No particular scope: signing in, and nothing more.</p>";
  return htmlPage(
    "Allow access to your account?",
    `<h1>Allow access to your account?</h1>
<p><b>${escapeHtml(request.clientName)}</b> asks to sign in with access to:</p>
${scopes}
<p>The answer goes back to <code>${escapeHtml(request.redirectUri)}</code>.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="csrf" value="${escapeHtml(token)}">
<input type="hidden" name="request" value="${escapeHtml(request.id)}">
<div class="actions"><button type="submit" class="primary" name="action" value="approve">Allow</button><button type="submit" class="secondary" name="action" value="deny">Deny</button></div>
</form>`,
  );
}
