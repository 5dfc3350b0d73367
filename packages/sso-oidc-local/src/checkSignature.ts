import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SignatureError } from "./errors";
import { AWS_REGION } from "./iamOptions";

/** The signing name of IAM Identity Center's OIDC service (the model's `aws.auth#sigv4` name). */
const SIGNING_NAME = "sso-oauth";

/** How far a request's `x-amz-date` may be from the service's clock, as AWS allows: 5 minutes. */
const MAX_SKEW_MS = 5 * 60 * 1000;

/** The credentials a signature is checked against: what an access key id stands for. */
export interface SigningKey {
  secretAccessKey: string;
  sessionToken?: string;
}

/** A request as it came in, for its signature to be checked. */
export interface SignedRequest {
  method: string;
  /** The path, as the route matched it (`/token`). */
  path: string;
  query: URLSearchParams;
  /** Node's headers: lower-case names. */
  headers: IncomingHttpHeaders;
  /** The body, byte for byte. */
  body: Buffer;
}

/** Who signed a request that passed, and for which region. */
export interface Caller {
  accessKeyId: string;
  region: string;
}

/** What @smithy/signature-v4 hashes: text or bytes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

/** SHA-256 and HMAC-SHA256 over node:crypto, in the shape @smithy/signature-v4 takes (its `Checksum`). */
class NodeSha256 {
  // Private (#): the first key is "AWS4" + the secret access key, which must not show in inspect().
  readonly #secret?: SourceData;
  #hash;
  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = NodeSha256.start(secret);
  }
  private static start(secret?: SourceData) {
    return secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
  reset(): void {
    this.#hash = NodeSha256.start(this.#secret);
  }
}

const bytes = (data: SourceData): Uint8Array | string =>
  typeof data === "string" ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** `20261127T123456Z`, the form of `x-amz-date`. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** The time an `x-amz-date` stands for, or undefined when it is not a real date in ISO 8601 basic format. */
function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return amzDate(ms) === value ? ms : undefined;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  // Only the request's own headers: `constructor` or `__proto__` in SignedHeaders names no header that was sent.
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(",") : value;
};

/** The `Credential`, `SignedHeaders` and `Signature` of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
function authorizationParts(authorization: string): Record<string, string> {
  const parts: Record<string, string> = Object.create(null);
  for (const part of authorization.slice("AWS4-HMAC-SHA256".length).split(",")) {
    const at = part.indexOf("=");
    if (at > 0) parts[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return parts;
}

const MISMATCH = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.";
const BAD_TOKEN = "The security token included in the request is invalid.";

/**
 * Checks a request's SigV4 signature (the `Authorization` header) as AWS does, in AWS's order, and resolves to who
 * signed it; a refusal rejects with a SignatureError that AWS would answer:
 * - no `AWS4-HMAC-SHA256` authorization: MissingAuthenticationTokenException;
 * - a part missing (`Credential`, `SignedHeaders`, `Signature`, `x-amz-date`), a date not in ISO 8601 basic format,
 *   a credential without its five parts: IncompleteSignatureException;
 * - a date more than 5 minutes from `now` ("Signature expired" / "Signature not yet current", the words the AWS SDKs
 *   look for), `host` not signed, a credential scoped to another service, day or terminator, or to no region:
 *   InvalidSignatureException;
 * - an access key id `keyFor` does not know, or a session token (`x-amz-security-token`) other than its own, or one
 *   where it has none: UnrecognizedClientException;
 * - an `x-amz-content-sha256` that is not the SHA-256 of the body (the body changed after signing), or a signature
 *   that is not the one `@smithy/signature-v4` computes with that key: InvalidSignatureException.
 * The region the credential is scoped to is the caller's to check: the service answers another one itself.
 */
export async function checkSignature(request: SignedRequest, keyFor: (accessKeyId: string) => SigningKey | undefined, now: number): Promise<Caller> {
  const authorization = header(request.headers, "authorization") ?? "";
  if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
    throw new SignatureError("MissingAuthenticationTokenException", "Request is missing Authentication Token: sign it with SigV4 (AWS4-HMAC-SHA256) for the service sso-oauth.");
  }
  const parts = authorizationParts(authorization);
  const date = header(request.headers, "x-amz-date");
  const missing = [
    ...["Credential", "SignedHeaders", "Signature"].filter((p) => !parts[p]).map((p) => `Authorization header requires '${p}' parameter.`),
    ...(date ? [] : ["Authorization header requires existence of a 'X-Amz-Date' header."]),
  ];
  if (missing.length) throw new SignatureError("IncompleteSignatureException", missing.join(" "));
  const signedAt = parseAmzDate(date!);
  if (signedAt === undefined) throw new SignatureError("IncompleteSignatureException", `Date must be in ISO-8601 'basic format'. Got '${date!.slice(0, 32)}'.`);
  if (signedAt < now - MAX_SKEW_MS) {
    throw new SignatureError("InvalidSignatureException", `Signature expired: ${date} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 5 min.)`);
  }
  if (signedAt > now + MAX_SKEW_MS) {
    throw new SignatureError("InvalidSignatureException", `Signature not yet current: ${date} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 5 min.)`);
  }
  const signedHeaders = parts.SignedHeaders.split(";");
  if (!signedHeaders.includes("host")) throw new SignatureError("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const credential = parts.Credential.split("/");
  if (credential.length !== 5) {
    throw new SignatureError("IncompleteSignatureException", `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.Credential.slice(0, 128)}'`);
  }
  const [accessKeyId, day, region, service, terminator] = credential;
  const scope = [
    AWS_REGION.test(region) ? "" : `Credential should be scoped to a valid region, not '${region}'.`,
    service === SIGNING_NAME ? "" : `Credential should be scoped to correct service: '${SIGNING_NAME}'.`,
    terminator === "aws4_request" ? "" : `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    day === date!.slice(0, 8) ? "" : `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${day}' != '${date!.slice(0, 8)}', from '${date}'.`,
  ].filter(Boolean);
  if (scope.length) throw new SignatureError("InvalidSignatureException", scope.join(" "));

  const key = keyFor(accessKeyId);
  if (!key) throw new SignatureError("UnrecognizedClientException", BAD_TOKEN);
  if (header(request.headers, "x-amz-security-token") !== key.sessionToken) throw new SignatureError("UnrecognizedClientException", BAD_TOKEN);
  const contentSha256 = header(request.headers, "x-amz-content-sha256");
  if (contentSha256 !== undefined && contentSha256 !== createHash("sha256").update(request.body).digest("hex")) {
    throw new SignatureError("InvalidSignatureException", `${MISMATCH} The x-amz-content-sha256 header is not the SHA-256 of the body: the body changed after it was signed.`);
  }

  // The signature the client should have sent: the same library signs the same headers, date, scope and body.
  const headers: Record<string, string> = Object.create(null);
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) throw new SignatureError("InvalidSignatureException", `${MISMATCH} The header '${name}' is signed but was not sent.`);
    headers[name] = value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken },
    region,
    service: SIGNING_NAME,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(request.query.keys())) {
    const values = request.query.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const expected = await signer.sign(
    { method: request.method, protocol: "http:", hostname: headers.host ?? "", path: request.path, query, headers, body: request.body },
    { signingDate: new Date(signedAt), signableHeaders: new Set(signedHeaders) },
  );
  const want = Buffer.from(/Signature=([0-9a-f]{64})$/.exec(expected.headers.authorization ?? "")?.[1] ?? "", "hex");
  const got = Buffer.from(/^[0-9a-f]{64}$/.test(parts.Signature) ? parts.Signature : "", "hex");
  if (want.length !== 32 || got.length !== 32 || !timingSafeEqual(want, got)) {
    throw new SignatureError("InvalidSignatureException", `${MISMATCH} Consult the service documentation for details.`);
  }
  return { accessKeyId, region };
}
