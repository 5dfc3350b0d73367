import type { AuthorizeRequest } from "./AuthorizationCodes";
import { escapeHtml, htmlPage } from "./htmlPage";

/** What the person typed to sign in, and what was wrong with it, for the page shown again. */
export interface SignInAttempt {
  typed: string;
  problem: string;
}

/**
 * The authorization endpoint's consent page: who asks, for which scopes, and where the answer goes. The form
 * posts `csrf` (the page's token), `request` (the request's id) and `action` (approve | deny) back to the
 * endpoint, which then redirects the browser to the client's redirect URI. For an application's request it first
 * asks who signs in (`user`: a user name or an email), which Allow needs and Deny does not.
 */
export function consentPage(action: string, request: AuthorizeRequest, token: string, attempt?: SignInAttempt): string {
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
<input type="hidden" name="request" value="${escapeHtml(request.id)}">${request.signIn ? signInField(attempt) : ""}
<div class="actions"><button type="submit" class="primary" name="action" value="approve">Allow</button><button type="submit" class="secondary" name="action" value="deny" formnovalidate>Deny</button></div>
</form>`,
  );
}

/** Who signs in: a labelled box (a user name or an email), with what was wrong the last time. */
const signInField = (attempt?: SignInAttempt) =>
  (attempt ? `\n<p class="problem" role="alert">${escapeHtml(attempt.problem)}</p>` : "") +
  `\n<label for="user">Sign in as (user name or email)</label>\n<input id="user" name="user" class="text" value="${escapeHtml(attempt?.typed ?? "")}" autocomplete="username" autocapitalize="none" spellcheck="false" required>`;
