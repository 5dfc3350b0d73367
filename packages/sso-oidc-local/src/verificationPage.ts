const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

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
  const body = result
    ? `<h1>${escape(result.title)}</h1>\n<p>${escape(result.text)}</p>`
    : `<h1>Authorize a device</h1>
<p>${clientName ? `<b>${escape(clientName)}</b> asks to sign in. ` : ""}Check that the code matches the one your device shows.</p>
<form method="post" action="${escape(action)}">
<label>Code <input name="user_code" value="${escape(userCode ?? "")}" autocomplete="off" required></label>
<button name="action" value="approve">Approve</button>
<button name="action" value="deny">Deny</button>
</form>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SSO OIDC (local)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}input{font-size:1.4rem;letter-spacing:.2rem;width:10rem}button{font-size:1rem;margin:.5rem .5rem 0 0}</style>
</head><body>
${body}
</body></html>
`;
}
