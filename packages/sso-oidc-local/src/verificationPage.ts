import { escapeHtml, htmlPage, messagePage } from "./htmlPage";

/**
 * One page of the device verification, by step, as IAM Identity Center's own pages go: the code to compare (or a
 * form to type it), then what the application asks for, with Allow and Deny; then what was done.
 */
export type PageContent =
  /** The blank form: type the code; `problem` says what was wrong with the code typed before (kept in the box). */
  | { step: "enter"; action: string; token: string; typed?: string; problem?: string }
  /** The code from the link, in large letters to compare with the device's, and who asks. */
  | { step: "confirm"; action: string; token: string; userCode: string; clientName: string }
  /** The application and the scopes it asks for, with Allow and Deny. */
  | { step: "allow"; action: string; token: string; userCode: string; clientName: string; scopes: string[] }
  /** What was done, or why nothing was; `again` adds a link to enter a code. */
  | { step: "done"; action: string; title: string; text: string; again?: boolean };

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
const form = (action: string, fields: string, buttons: string) =>
  `<form method="post" action="${escapeHtml(action)}">\n${fields}\n<div class="actions">${buttons}</div>\n</form>`;
const button = (kind: "primary" | "secondary", action: string, label: string) => `<button type="submit" class="${kind}" name="action" value="${action}">${label}</button>`;

/**
 * The verification page for one step: plain HTML, no script, so a person in any browser, or a script with an HTTP
 * client, can use it. Every form posts `csrf` (the page's token), `user_code` and `action` (`confirm`, `approve`
 * or `deny`) back to `action`.
 */
export function verificationPage(content: PageContent): string {
  const again = `<p><a class="link" href="${escapeHtml(content.action)}">Enter a different code</a></p>`;
  switch (content.step) {
    case "enter": {
      const title = content.problem ? "Check the code" : "Enter the code";
      const problem = content.problem ? `<p class="problem" role="alert">${escapeHtml(content.problem)}</p>\n` : "";
      return htmlPage(
        title,
        `<h1>${title}</h1>\n${problem}<p>Type the code your device shows to sign it in.</p>\n` +
          form(
            content.action,
            `${hidden("csrf", content.token)}\n<label for="user_code">Code</label>\n<input id="user_code" name="user_code" value="${escapeHtml(content.typed ?? "")}" autocomplete="off" autocapitalize="characters" spellcheck="false" required>`,
            button("primary", "confirm", "Next"),
          ),
      );
    }
    case "confirm":
      return htmlPage(
        "Confirm the code",
        `<h1>Confirm the code</h1>\n<p><b>${escapeHtml(content.clientName)}</b> asks to sign in. Check that your device shows this code:</p>\n` +
          `<p class="code" id="code">${escapeHtml(content.userCode)}</p>\n` +
          form(content.action, `${hidden("csrf", content.token)}\n${hidden("user_code", content.userCode)}`, button("primary", "confirm", "Confirm and continue")) +
          `\n${again}`,
      );
    case "allow": {
      const scopes = content.scopes.length
        ? `<ul class="scopes">${content.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("")}</ul>`
        : "<p>No particular scope: signing in, and nothing more.</p>";
      return htmlPage(
        "Allow access?",
        `<h1>Allow access?</h1>\n<p><b>${escapeHtml(content.clientName)}</b> (code <b>${escapeHtml(content.userCode)}</b>) asks for access to:</p>\n${scopes}\n` +
          `<p>Allow it only if you started this sign-in yourself.</p>\n` +
          form(content.action, `${hidden("csrf", content.token)}\n${hidden("user_code", content.userCode)}`, button("primary", "approve", "Allow") + button("secondary", "deny", "Deny")),
      );
    }
    case "done":
      return messagePage(content.title, content.text, content.again ? again : "");
  }
}
