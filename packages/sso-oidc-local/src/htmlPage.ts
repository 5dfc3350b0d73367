import { createHash } from "node:crypto";

/** Text made safe inside HTML, attribute values included. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The pages' one style sheet. Phone first: the text at its normal size, every control at least 44 px each way
 * (the size a finger hits), the code in large monospace letters that fit a 320 px screen, nothing wider than the
 * screen; on a desktop, a 34rem column.
 */
const STYLE = [
  "*{box-sizing:border-box}",
  "html{-webkit-text-size-adjust:100%}",
  "body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#16191f;background:#fff}",
  "main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 2rem;overflow-wrap:anywhere}",
  "h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}",
  "p,ul{margin:0 0 1rem}",
  ".code{font:700 2rem/1.2 ui-monospace,'SF Mono',Menlo,Consolas,monospace;letter-spacing:.08em;text-align:center;padding:.75rem .5rem;margin:0 0 1rem;border:2px solid #8d99a8;border-radius:.5rem;background:#f2f5f8}",
  "label{display:block;font-weight:600;margin:0 0 .25rem}",
  "input{display:block;width:100%;max-width:18rem;min-height:44px;font:600 1.5rem/1.2 ui-monospace,'SF Mono',Menlo,Consolas,monospace;letter-spacing:.08em;text-transform:uppercase;padding:.4rem .6rem;border:2px solid #8d99a8;border-radius:.5rem}",
  "input.text{font:inherit;letter-spacing:normal;text-transform:none;max-width:100%}",
  ".actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0 1rem}",
  "button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.5rem 1.25rem;font-family:inherit;font-size:1.0625rem;font-weight:600;line-height:1.2;border-radius:.5rem;border:2px solid #0f5bb5;cursor:pointer;text-decoration:none}",
  "button.primary{background:#0f5bb5;color:#fff}",
  "button.secondary,.button{background:#fff;color:#0f5bb5}",
  "a.link{display:inline-flex;align-items:center;min-height:44px;color:#0f5bb5}",
  ":focus-visible{outline:3px solid #f0a400;outline-offset:2px}",
  ".problem{border-left:4px solid #c0392b;padding:.25rem .75rem;background:#fdf1f0}",
  ".scopes code{font-size:.95em}",
].join("");

/** The sheet's SHA-256, for the Content-Security-Policy: that style, and no other, may apply. */
export const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/**
 * A whole page: plain HTML and the style above, no script, so any browser or HTTP client can use it. Each page
 * has its own title, then the service's name.
 */
export const htmlPage = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · SSO OIDC (local)</title>
<style>${STYLE}</style>
</head><body><main>
${body}
</main></body></html>
`;

/** A page that only says something: a title and a sentence, and what to do next (HTML) when there is anything. */
export const messagePage = (title: string, text: string, next = ""): string =>
  htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>${next ? `\n${next}` : ""}`);
