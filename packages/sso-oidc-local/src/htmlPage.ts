/** Text made safe inside HTML, attribute values included. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A whole page around `body`: plain HTML and a little CSS, no script, so any browser or HTTP client can use it. */
export const htmlPage = (body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SSO OIDC (local)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}input{font-size:1.4rem;letter-spacing:.2rem;width:10rem}button{font-size:1rem;margin:.5rem .5rem 0 0}</style>
</head><body>
${body}
</body></html>
`;

/** A page that only says something: a title and a sentence. */
export const messagePage = (title: string, text: string): string => htmlPage(`<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`);
