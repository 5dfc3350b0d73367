import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { checkSignature } from "./checkSignature";
import { requestId } from "./codes";
import { EXCEPTIONS, ServiceError, SignatureError, type ExceptionName } from "./errors";
import { FormTokens } from "./FormTokens";
import type { PublicJwk } from "./IdTokens";
import { OidcService, type OidcServiceOptions, type ServiceStats } from "./OidcService";
import { AUTHORIZE_PATH, pageRoutes, VERIFICATION_PATH } from "./pageRoutes";

export type OperationName = "RegisterClient" | "StartDeviceAuthorization" | "CreateToken" | "CreateTokenWithIAM";

const ROUTES: Record<string, OperationName> = {
  "/client/register": "RegisterClient",
  "/device_authorization": "StartDeviceAuthorization",
  "/token": "CreateToken",
};

/** The operation a request is for: the model's `POST /token?aws_iam=t` is CreateTokenWithIAM, the signed one. */
const operationOf = (url: URL): OperationName | undefined =>
  url.pathname === "/token" && url.searchParams.get("aws_iam") === "t" ? "CreateTokenWithIAM" : ROUTES[url.pathname];

/**
 * The URL of a request, or undefined when its target is not one (`//`, `//[`, `//:99999`: Node's URL parser reads
 * them as a host). Parsed inside the handler, so a request like that gets a 400 and never reaches the process.
 */
function requestTarget(req: http.IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? "/", "http://localhost");
  } catch {
    return undefined;
  }
}

/** This machine's first address on a network (IPv4 first), for links a phone can open; undefined when it has none. */
function externalAddress(): string | undefined {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((a) => !a.internal);
  const v4 = all.find((a) => a.family === "IPv4");
  const v6 = all.find((a) => a.family === "IPv6" && !a.address.startsWith("fe80"));
  return v4?.address ?? (v6 && `[${v6.address}]`);
}

/** The hidden fields of a page's form (its token, the code or request it is about), as a browser would post them. */
const formFields = (page: string): Record<string, string> =>
  Object.fromEntries([...page.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));

/**
 * The content type the operations take: JSON, as the AWS SDKs (v2 and v3) and the AWS CLI v2 send it
 * (`application/json`). A web page of another site can POST only `text/plain`, form or multipart bodies without
 * asking first (a CORS preflight); requiring JSON keeps such pages away from the operations.
 */
const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

export interface LocalServerOptions extends OidcServiceOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Address to bind. `0.0.0.0` (or `::`) lets other machines, such as a phone, reach the pages, and anything else;
   * this is a test service, see the README. @default "127.0.0.1"
   */
  host?: string;
  /** Largest request body accepted, in bytes; a larger one gets 413. @default 65536 */
  maxBodyBytes?: number;
  /** Open connections at most; a request on one beyond them gets a 503 that says so, and the connection closes. @default 512 */
  maxConnections?: number;
  /** Seconds between two sweeps of what has expired (clients, grants, codes, refresh tokens). @default 60 */
  sweepInterval?: number;
  /**
   * Let web pages of any origin call the three operations: answer CORS preflights (`OPTIONS`) and add
   * `access-control-allow-origin` and `access-control-expose-headers` (request id, error type, retry hints) to
   * the operations' answers. For testing a browser application against this service. Pages calling the AWS
   * service directly have been reported to fail on CORS (aws/aws-sdk-js#3651); off behaves as reported. @default false
   */
  cors?: boolean;
}

/** Response headers a page may read under `cors`: what the SDK uses to name errors, ids and retry delays. */
const EXPOSED_HEADERS = "x-amzn-requestid, x-amzn-errortype, retry-after, x-amz-retry-after";

/** A scripted failure for the next calls of an operation. */
export interface Failure {
  /** Answer with this modeled exception (its status unless `status` says otherwise). */
  exception?: ExceptionName;
  /** Answer with this status; with no exception, a bare JSON error body. */
  status?: number;
  /** Close the connection without answering, as a crashed server or a broken network would. */
  reset?: boolean;
}

export interface LocalServer {
  /** The endpoint to give a client, such as `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /**
   * Where users go to approve; `verificationUri` in StartDeviceAuthorization's answer. Bound to every interface
   * (`0.0.0.0`, `::`), it names this machine's network address, for a phone; `url` is then the loopback address.
   */
  verificationUri: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
  /** Approves a pending device authorization, as the user would on the page; false if the code is not pending. */
  approve(userCode: string): boolean;
  /** Denies a pending device authorization; false if the code is not pending. */
  deny(userCode: string): boolean;
  /** User codes waiting for a decision, oldest first. */
  pendingUserCodes(): string[];
  /** The authorization endpoint, `<url>/authorize`, where the authorization code grant sends the browser. */
  authorizeUri: string;
  /**
   * Acts as the user's browser for the authorization code grant: opens `authorizeUrl`, answers the consent page
   * with `action`, and follows the redirect to the client's redirect URI. Resolves to the status and text of that
   * last page (the client's), or of the error page when there is no redirect.
   */
  completeAuthorization(authorizeUrl: string, action?: "approve" | "deny", user?: string): Promise<{ status: number; text: string; redirectedTo?: string }>;
  /**
   * Acts as the person at the verification page: opens `verificationUrl` (a `verificationUriComplete`), confirms
   * the code, then answers with `action`, as a browser would post the forms. Resolves to the status, title (its
   * heading) and HTML of the last page.
   */
  completeVerification(verificationUrl: string, action?: "approve" | "deny"): Promise<{ status: number; title: string; text: string }>;
  /** The next `times` calls of `operation` fail as `failure` says, before the service even looks at them. */
  failNext(operation: OperationName, times: number, failure: Failure): void;
  /** Adds `ms` milliseconds before every answer (of one operation, or of all). */
  setLatency(ms: number, operation?: OperationName): void;
  /** How many calls each operation has received, scripted failures included. */
  calls(): Record<OperationName, number>;
  /** What the service holds now (expired things go at the next sweep), and the open connections. */
  stats(): ServiceStats & { connections: number };
  /** The public keys the id tokens of CreateTokenWithIAM are signed with (ES256), as a JWK set, to verify them with. */
  idTokenJwks(): Promise<{ keys: PublicJwk[] }>;
}

/**
 * Starts a local SSO OIDC service on `host:port`. It speaks the real wire protocol (the paths, JSON members,
 * `x-amzn-ErrorType` and `x-amzn-RequestId` headers and OAuth error bodies of the AWS service), serves a
 * verification page where a person, or a script, approves or denies a device authorization, and an
 * authorization endpoint (`/authorize`) for the authorization code grant with PKCE.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const clock = options.clock ?? { now: () => Date.now() };
  const service = new OidcService({ ...options, clock });
  const maxBodyBytes = options.maxBodyBytes ?? 65536;
  const failures: Record<OperationName, { times: number; failure: Failure }[]> = { RegisterClient: [], StartDeviceAuthorization: [], CreateToken: [], CreateTokenWithIAM: [] };
  const latency = { all: 0, RegisterClient: 0, StartDeviceAuthorization: 0, CreateToken: 0, CreateTokenWithIAM: 0 };
  const counts: Record<OperationName, number> = { RegisterClient: 0, StartDeviceAuthorization: 0, CreateToken: 0, CreateTokenWithIAM: 0 };
  let base = "";
  /** Where the verification links a client is given point: see linkHost. */
  let links = "";

  const send = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string>) => {
    if (res.headersSent || res.destroyed) return;
    // The time by the service's clock: a client whose signature was refused for its clock corrects it from this.
    res.writeHead(status, { "x-amzn-requestid": requestId(), date: new Date(clock.now()).toUTCString(), "content-length": String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };
  const json = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
    send(res, status, JSON.stringify(value), { "content-type": "application/json", ...headers });
  const fail = (res: http.ServerResponse, e: ServiceError) =>
    json(res, e.status, { error: EXCEPTIONS[e.exception].error, error_description: e.description, ...e.members }, {
      "x-amzn-errortype": `${e.exception}:http://internal.amazon.com/coral/com.amazonaws.ssooidc/`,
    });
  /** A refused signature, as AWS's request authentication answers it: its own error type and a `message`. */
  const refuse = (res: http.ServerResponse, e: SignatureError) =>
    json(res, e.status, { message: e.description }, { "x-amzn-errortype": `${e.failure}:http://internal.amazon.com/coral/com.amazon.coral.service/` });

  /** Reads the body, refusing more than maxBodyBytes: a 413 and a closed connection, never unbounded memory. */
  const readRaw = (req: http.IncomingMessage, res: http.ServerResponse) =>
    new Promise<Buffer | undefined>((resolve) => {
      const tooLarge = () => {
        fail(res, new ServiceError("InvalidRequestException", `the request body is over ${maxBodyBytes} bytes`, 413));
        res.on("finish", () => req.destroy());
        resolve(undefined);
      };
      if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        if (size > maxBodyBytes) return;
        size += chunk.length;
        if (size > maxBodyBytes) tooLarge();
        else chunks.push(chunk);
      });
      req.on("end", () => size <= maxBodyBytes && resolve(Buffer.concat(chunks)));
      req.on("error", () => resolve(undefined));
    });
  const readBody = async (req: http.IncomingMessage, res: http.ServerResponse) => (await readRaw(req, res))?.toString("utf8");

  const operation = async (name: OperationName, req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (!JSON_CONTENT_TYPE.test(req.headers["content-type"] ?? "")) {
      req.resume();
      return fail(res, new ServiceError("InvalidRequestException", "the body must be JSON, sent with content-type application/json", 415));
    }
    counts[name]++;
    const raw = await readRaw(req, res);
    if (raw === undefined) return;
    const delay = latency.all + latency[name];
    // Unref: a closed server must not keep the process alive for a request it will never answer.
    if (delay > 0) await new Promise((r) => setTimeout(r, delay).unref());
    const scripted = failures[name][0];
    if (scripted) {
      if (--scripted.times <= 0) failures[name].shift();
      const f = scripted.failure;
      if (f.reset) return void req.socket.destroy();
      if (f.exception) return fail(res, new ServiceError(f.exception, "scripted failure", f.status ?? EXCEPTIONS[f.exception].status));
      return json(res, f.status ?? 500, { error: "scripted_failure", error_description: "scripted failure" });
    }
    // The signed operation: nothing of the request is read before its signature has passed.
    const caller =
      name === "CreateTokenWithIAM"
        ? await checkSignature({ method: req.method!, path: url.pathname, query: url.searchParams, headers: req.headers, body: raw }, (id) => service.signingKey(id), clock.now())
        : undefined;
    let input: unknown;
    try {
      input = JSON.parse(raw.toString("utf8") || "{}");
    } catch {
      return fail(res, new ServiceError("InvalidRequestException", "the request body is not valid JSON"));
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      return fail(res, new ServiceError("InvalidRequestException", "the request body must be a JSON object"));
    }
    const body = input as Record<string, unknown>;
    const output =
      name === "RegisterClient"
        ? service.registerClient(body)
        : name === "StartDeviceAuthorization"
          ? service.startDeviceAuthorization(body, links + VERIFICATION_PATH)
          : name === "CreateToken"
            ? service.createToken(body)
            : await service.createTokenWithIAM(body, caller!, base);
    json(res, 200, output);
  };

  const pages = pageRoutes({ service, tokens: new FormTokens(clock, service.deviceCodeTtl * 1000), readBody, send });

  // Connections beyond maxConnections are answered, not dropped: their first request gets a 503 that says why.
  const maxConnections = options.maxConnections ?? 512;
  const connections = new Set<Socket>();
  const overflow = new WeakSet<Socket>();

  const server = http.createServer((req, res) => {
    const handle = async () => {
      if (overflow.has(req.socket)) {
        req.resume();
        res.setHeader("connection", "close");
        return fail(res, new ServiceError("InternalServerException", `the local service has ${connections.size} open connections, its limit (maxConnections); close some, or raise the limit`, 503));
      }
      const url = requestTarget(req);
      if (!url) {
        req.resume();
        return fail(res, new ServiceError("InvalidRequestException", "the request target is not a path this service can read"));
      }
      const op = operationOf(url);
      if (op && options.cors) {
        res.setHeader("access-control-allow-origin", "*");
        if (req.method === "OPTIONS") {
          req.resume();
          // The preflight: whatever headers the page asks to send are fine; browsers cache the answer 10 minutes.
          return send(res, 204, "", {
            "access-control-allow-methods": "POST",
            "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type",
            "access-control-max-age": "600",
          });
        }
        res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
      }
      if (op) {
        if (req.method !== "POST") return json(res, 405, { error: "invalid_request", error_description: `${url.pathname} takes POST` }, { allow: "POST" });
        return operation(op, req, res, url);
      }
      if (await pages(req, res, url)) return;
      req.resume();
      json(res, 404, { error: "not_found", error_description: `no operation at ${req.method} ${url.pathname}` });
    };
    handle().catch((e: unknown) => {
      // A service error is an answer; anything else is a bug here, reported as the service would report one.
      if (e instanceof SignatureError) return refuse(res, e);
      fail(res, e instanceof ServiceError ? e : new ServiceError("InternalServerException", "the local service failed to handle the request"));
    });
  });
  server.on("connection", (socket: Socket) => {
    if (connections.size >= maxConnections) return void overflow.add(socket);
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  // Expired clients, grants, codes and refresh tokens are dropped on a timer, so memory follows what is in use.
  const sweeper = setInterval(() => service.sweep(), (options.sweepInterval ?? 60) * 1000);
  sweeper.unref();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => {
      clearInterval(sweeper);
      reject(e);
    });
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  // Bound to every interface, the service is reached on this machine at the loopback address (0.0.0.0 is no
  // address to connect to), and the verification links, which people open on a phone, at the machine's own.
  const own = wildcard ? (address.address === "::" ? "[::1]" : "127.0.0.1") : address.family === "IPv6" ? `[${address.address}]` : address.address;
  base = `http://${own}:${address.port}`;
  links = `http://${wildcard ? (externalAddress() ?? own) : own}:${address.port}`;

  return {
    url: base,
    port: address.port,
    verificationUri: links + VERIFICATION_PATH,
    authorizeUri: base + AUTHORIZE_PATH,
    completeAuthorization: async (authorizeUrl, action = "approve", user) => {
      // What a browser does: load the page, submit the form, follow the redirect (to the client's loopback).
      const follow = async (res: Response) => {
        const location = res.headers.get("location");
        if (res.status !== 302 || !location) return { status: res.status, text: await res.text() };
        const landed = await fetch(location, { redirect: "manual" });
        return { status: landed.status, text: await landed.text(), redirectedTo: location };
      };
      const page = await fetch(authorizeUrl, { redirect: "manual" });
      if (page.status !== 200) return follow(page);
      const html = await page.text();
      // An application's page asks who signs in: the user named, or the first of `users`.
      const signIn: Record<string, string> = html.includes('name="user"') ? { user: user ?? service.firstUser()?.userName ?? "" } : {};
      const body = new URLSearchParams({ ...formFields(html), ...signIn, action }).toString();
      return follow(await fetch(base + AUTHORIZE_PATH, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body }));
    },
    completeVerification: async (verificationUrl, action = "approve") => {
      // What a person does: open the link, confirm the code, then allow (or deny) what the application asks for.
      const read = async (res: Response) => {
        const text = await res.text();
        return { status: res.status, title: text.match(/<h1>(.*?)<\/h1>/s)?.[1] ?? "", text };
      };
      const post = async (fields: Record<string, string>) =>
        read(await fetch(base + VERIFICATION_PATH, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() }));
      let page = await read(await fetch(verificationUrl));
      if (page.title === "Confirm the code") page = await post({ ...formFields(page.text), action: "confirm" });
      if (page.title === "Allow access?") page = await post({ ...formFields(page.text), action });
      return page;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    approve: (userCode) => service.decide(userCode, true),
    deny: (userCode) => service.decide(userCode, false),
    pendingUserCodes: () => service.pendingUserCodes(),
    failNext: (name, times, failure) => {
      if (!(times >= 1)) throw new RangeError("failNext: times must be at least 1");
      failures[name].push({ times, failure });
    },
    setLatency: (ms, name) => {
      latency[name ?? "all"] = ms;
    },
    calls: () => ({ ...counts }),
    stats: () => ({ ...service.stats(), connections: connections.size }),
    idTokenJwks: () => service.idTokenJwks(),
  };
}
