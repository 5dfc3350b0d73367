import { ConfigurationError } from "@ssokit/core";

// The scheme, optional user info, and the authority as written: v2 keeps an explicit port, even a default one.
const AUTHORITY = /^[a-z][\w+.-]*:\/\/(?:([^@/?#]*)@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/i;

/**
 * The AWS SDK v2's `AWS.Endpoint`: a URL taken apart as v2 code reads it (`protocol`, `host`, `port` as a number,
 * `hostname`, `pathname`, `path`, `href`), what `ssooidc.endpoint` holds and what code assigns to it to send later
 * requests elsewhere. A string without a scheme gets `https://`, or `http://` when `config.sslEnabled` is false.
 * Given anything but a string, it returns a plain copy of it, as v2 does.
 */
export class Endpoint {
  /** `"https:"` or `"http:"`. */
  protocol!: string;
  /** The host name with the port, where the URL names one: `"127.0.0.1:4000"`. */
  host!: string;
  /** The port: the URL's, else 443 for https and 80 for http. */
  port!: number;
  hostname!: string;
  pathname!: string;
  /** The path with the query string. */
  path!: string;
  href!: string;

  constructor(endpoint: string | object, config?: { sslEnabled?: boolean }) {
    if (endpoint === undefined || endpoint === null) throw new Error(`Invalid endpoint: ${endpoint}`);
    if (typeof endpoint !== "string") return { ...endpoint } as Endpoint;
    const text = /^http/.test(endpoint) ? endpoint : `${config?.sslEnabled === false ? "http" : "https"}://${endpoint}`;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new ConfigurationError("InvalidEndpoint", `endpoint ${JSON.stringify(endpoint)} is not a URL (such as "https://host:port").`);
    }
    const [, auth, , port] = AUTHORITY.exec(text) ?? [];
    const search = url.search || null;
    // v2's members that its inspect leaves out.
    for (const [key, value] of Object.entries({ slashes: true, auth: auth ?? null, hash: url.hash || null, search, query: search && search.slice(1) })) {
      Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: false });
    }
    this.protocol = url.protocol;
    this.host = port ? `${url.hostname}:${port}` : url.hostname;
    this.port = port ? parseInt(port, 10) : url.protocol === "https:" ? 443 : 80;
    this.hostname = url.hostname;
    this.pathname = url.pathname;
    this.path = url.pathname + url.search;
    this.href = `${url.protocol}//${auth ? `${auth}@` : ""}${this.host}${this.path}${url.hash}`;
  }
}

/** Where an endpoint sends requests, as v2's HTTP client reads it (protocol, host name, port and path), as a URL. */
export const endpointTarget = (e: Pick<Endpoint, "protocol" | "hostname" | "port"> & { path?: string }): string =>
  new URL(`${e.protocol}//${e.hostname}:${e.port}${e.path ?? "/"}`).href;
