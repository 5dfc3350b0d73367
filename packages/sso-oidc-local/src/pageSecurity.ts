import type http from "node:http";
import { isIP } from "node:net";
import { STYLE_HASH } from "./htmlPage";

/**
 * The headers of every page: no framing (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`), nothing but the
 * page's own style sheet, forms that post only back here (and, for the consent page, on to the client's redirect
 * URI, where the answer goes), no referrer to other sites (links carry user codes; to itself, a referrer keeps the
 * form's `Origin` from being `null`), never cached (pages carry form tokens).
 */
export function pageHeaders(formTargets: readonly string[] = []): Record<string, string> {
  const formAction = ["'self'", ...formTargets].join(" ");
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
  };
}

/** Why a page request is refused, as a page to show; undefined when it may go on. */
export interface Refusal {
  status: number;
  title: string;
  text: string;
}

/** Host, without its port: `127.0.0.1`, `[::1]`, `localhost`. */
const hostOf = (host: string) => (host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]);

/**
 * Refuses what a web page of another site could make a browser send to the service's pages:
 * - a request for another host name (`Host`), which is how a site whose name it points at this machine (DNS
 *   rebinding) would reach them as its own: the pages answer an address (`127.0.0.1`, `[::1]`, a LAN address) or
 *   `localhost`, nothing else;
 * - a form posted from another site: the browser says so in `Sec-Fetch-Site` (anything but `same-origin` or
 *   `none`), or in an `Origin` that is not this one. Clients that send neither (scripts, curl) still need the
 *   form's token.
 */
export function refusePageRequest(req: http.IncomingMessage): Refusal | undefined {
  const host = req.headers.host ?? "";
  const name = hostOf(host);
  if (name !== "localhost" && !isIP(name.replace(/^\[|\]$/g, ""))) {
    return { status: 421, title: "Wrong address", text: "These pages answer on an IP address or localhost only. Open the link the service printed." };
  }
  if (req.method !== "POST") return undefined;
  const site = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  if ((site !== undefined && site !== "same-origin" && site !== "none") || (origin !== undefined && origin !== `http://${host}`)) {
    return { status: 403, title: "Not sent from this page", text: "This form was sent from another site, so nothing was done. Open the sign-in link yourself and answer there." };
  }
  return undefined;
}
