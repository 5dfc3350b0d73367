import { escapeHtml, htmlPage, messagePage } from "./htmlPage";

export interface PageContent {
  /** The form's target, the verification URI's path. */
  action: string;
  /** The code to pre-fill (from `verificationUriComplete`). */
  userCode?: string;
  /** Who asks, shown next to a pre-filled code. */
  clientName?: string;
  /** A result to show instead of the form. */
  result?: { title: string; text: string };
}

/**
 * The verification page: plain HTML, no script, so a person in any browser, or a script with an HTTP client,
 * can type the user code and approve or deny. The form posts `user_code` and `action` (approve | deny).
 */
export function verificationPage({ action, userCode, clientName, result }: PageContent): string {
  if (result) return messagePage(result.title, result.text);
  return htmlPage(`<h1>Authorize a device</h1>
<p>${clientName ? `<b>${escapeHtml(clientName)}</b> asks to sign in. ` : ""}Check that the code matches the one your device shows.</p>
<form method="post" action="${escapeHtml(action)}">
<label>Code <input name="user_code" value="${escapeHtml(userCode ?? "")}" autocomplete="off" required></label>
<button name="action" value="approve">Approve</button>
<button name="action" value="deny">Deny</button>
</form>`);
}
