import { createHash, createHmac } from "node:crypto";

// SigV4 written out from the specification with node:crypto, independently of @smithy/signature-v4, to check the
// signatures the client sends. It is itself checked against vectors of the AWS SigV4 test suite.

export interface ReferenceRequest {
  method: string;
  /** The path, already URI-encoded as sent. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface ReferenceKeys {
  secretAccessKey: string;
  region: string;
  service: string;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The signature of `request` over `signedHeaders`, with the date of its `x-amz-date` header. */
export function referenceSignature(request: ReferenceRequest, signedHeaders: string[], keys: ReferenceKeys): string {
  const amzDate = request.headers["x-amz-date"];
  const day = amzDate.slice(0, 8);
  const names = [...signedHeaders].sort();
  const canonicalRequest = [
    request.method,
    request.path,
    Object.keys(request.query)
      .sort()
      .map((k) => `${encode(k)}=${encode(request.query[k])}`)
      .join("&"),
    ...names.map((n) => `${n}:${request.headers[n].trim().replace(/\s+/g, " ")}`),
    "",
    names.join(";"),
    request.headers["x-amz-content-sha256"] ?? sha256(request.body),
  ].join("\n");
  const scope = `${day}/${keys.region}/${keys.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${keys.secretAccessKey}`, day), keys.region), keys.service), "aws4_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export function parseAuthorization(header: string) {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(header);
  if (!m) throw new Error(`not a SigV4 Authorization header: ${header.slice(0, 40)}...`);
  return { accessKeyId: m[1], day: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(";"), signature: m[6] };
}
