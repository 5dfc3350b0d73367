import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";

/** The `Proxy-Authorization` header for credentials in the proxy URL, if any. */
const authorization = (proxy: URL): Record<string, string> =>
  proxy.username || proxy.password
    ? { "proxy-authorization": `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}` }
    : {};

/**
 * An agent that sends plain-http requests through an http proxy: it connects to the proxy and puts the absolute
 * URL in the request line (RFC 9112 §3.2.2), which is all a forward proxy needs.
 */
class HttpProxyAgent extends http.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true, maxSockets: 50 });
  }
  // Agent#addRequest is public in Node but missing from its type declarations.
  addRequest(req: http.ClientRequest, options: http.RequestOptions & { host?: string }): void {
    const host = options.host ?? options.hostname ?? "localhost";
    req.path = `http://${host.includes(":") ? `[${host}]` : host}:${options.port ?? 80}${req.path}`;
    for (const [name, value] of Object.entries(authorization(this.proxy))) req.setHeader(name, value);
    (http.Agent.prototype as any).addRequest.call(this, req, { ...options, host: this.proxy.hostname, hostname: this.proxy.hostname, port: Number(this.proxy.port) || 80 });
  }
}

/**
 * An agent that sends https requests through an http proxy: a `CONNECT` tunnel to the target (RFC 9110 §9.3.6),
 * then TLS end to end inside it, so the proxy never sees the request.
 */
class HttpsProxyAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true, maxSockets: 50 });
  }
  override createConnection(options: any, callback?: (err: Error | null, socket: any) => void): undefined {
    const done = callback!;
    const target = `${options.host}:${options.port ?? 443}`;
    const socket = net.connect(Number(this.proxy.port) || 80, this.proxy.hostname);
    const fail = (error: Error) => {
      socket.destroy();
      done(error, undefined);
    };
    socket.once("error", fail);
    socket.once("connect", () => {
      const headers = Object.entries({ host: target, ...authorization(this.proxy) }).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`CONNECT ${target} HTTP/1.1\r\n${headers}\r\n`);
    });
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.removeListener("data", onData);
      socket.removeListener("error", fail);
      const status = Number(head.split(" ")[1]);
      if (status !== 200) return fail(Object.assign(new Error(`The proxy refused to connect to ${target} (HTTP ${status}).`), { code: "ECONNREFUSED" }));
      done(null, tls.connect({ ...options, socket, servername: options.servername ?? (net.isIP(options.host ?? "") ? undefined : options.host) }));
    };
    socket.on("data", onData);
    return undefined;
  }
}

/** Agents for the default request handler that send every request through the http proxy at `proxyUrl`. */
/** Handler options with agents that send through their http proxy; agents given explicitly win. */
export function withProxyAgents<T extends { proxy?: string; httpAgent?: unknown; httpsAgent?: unknown }>(options: T): T {
  const proxy = new URL(options.proxy!);
  if (proxy.protocol !== "http:") throw new TypeError(`proxy must be an http:// URL, not ${proxy.protocol}`);
  return { ...options, httpAgent: options.httpAgent ?? new HttpProxyAgent(proxy), httpsAgent: options.httpsAgent ?? new HttpsProxyAgent(proxy) };
}
