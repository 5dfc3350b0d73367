import { parseAuthorization, referenceSignature } from "./sigv4Reference";
import { json, startServer, type RecordedRequest } from "./testServer";

// A stand-in for IAM Identity Center's signed CreateTokenWithIAM: a node:http server on 127.0.0.1 that checks each
// request's SigV4 signature with the independent reference (sigv4Reference) and answers as AWS's front door does
// (x-amzn-ErrorType, a JSON `message`, and its `Date` on every answer). The local service checks signatures with
// @smithy/signature-v4, the library the client signs with; this one does not, so a mistake shared by both sides
// of that library would still fail here. Its fixed answers also let the v2 tests compare outputs with aws-sdk's.

/** The AWS keys the service knows. */
export const IAM_KEYS = {
  primary: { accessKeyId: "AKIDPRIMARY", secretAccessKey: "primary/secret+key/0000000000000000000000" },
  rotated: { accessKeyId: "AKIDROTATED", secretAccessKey: "rotated/secret+key/1111111111111111111111" },
};
export const IAM_SESSION_TOKEN = "session-token-for-primary";

/** The tokens it issues for an exchange. */
export const IAM_TOKENS = {
  accessToken: "iam-access-token",
  tokenType: "Bearer",
  expiresIn: 3600,
  refreshToken: "iam-refresh-token",
  idToken: "iam.id.token",
  issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
  scope: ["openid", "aws"],
  awsAdditionalDetails: { identityContext: "EXAMPLE-IDENTITY-CONTEXT" },
};

/** An assertion the service refuses (InvalidGrantException). */
export const REFUSED_ASSERTION = "refused.assertion.jwt";

export interface IamCall {
  path: string;
  /** The key the request was signed with, if it was signed. */
  accessKeyId?: string;
  /** Whether the session token header came with it. */
  sessionToken: boolean;
  /** What the service made of it: `ok`, or the error it answered. */
  verdict: string;
}

export interface IamService {
  url: string;
  calls: IamCall[];
  /** Milliseconds this service's clock is ahead of the machine's. */
  clockAhead: number;
  /** Keys the service answers `ExpiredTokenException` for, as it does for expired session credentials. */
  expiredKeys: Set<string>;
  close(): Promise<void>;
}

const FIVE_MINUTES = 5 * 60 * 1000;
const amzTime = (amzDate: string) => Date.parse(amzDate.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, "$1-$2-$3T$4:$5:$6Z"));

export async function startIamService(): Promise<IamService> {
  const secrets: Record<string, string> = Object.fromEntries(Object.values(IAM_KEYS).map((k) => [k.accessKeyId, k.secretAccessKey]));
  const service: IamService = { url: "", calls: [], clockAhead: 0, expiredKeys: new Set(), close: async () => undefined };
  const server = await startServer((req, res) => {
    const now = Date.now() + service.clockAhead;
    const headers = { date: new Date(now).toUTCString(), "x-amzn-requestid": `iam-${service.calls.length}` };
    const fail = (status: number, type: string, message: string) => {
      call.verdict = type;
      json(res, status, { message }, { ...headers, "x-amzn-errortype": type });
    };
    const call: IamCall = { path: req.url, sessionToken: typeof req.headers["x-amz-security-token"] === "string", verdict: "ok" };
    service.calls.push(call);
    const problem = check(req, secrets, now, call);
    if (problem) return fail(403, problem[0], problem[1]);
    if (service.expiredKeys.has(call.accessKeyId!)) return fail(403, "ExpiredTokenException", "The security token included in the request is expired");
    const body = JSON.parse(req.body || "{}");
    if (body.assertion === REFUSED_ASSERTION) {
      call.verdict = "InvalidGrantException";
      return json(res, 400, { error: "invalid_grant", error_description: "the assertion was refused" }, { ...headers, "x-amzn-errortype": "InvalidGrantException" });
    }
    json(res, 200, IAM_TOKENS, headers);
  });
  service.url = server.url;
  service.close = () => server.close();
  return service;
}

/** What is wrong with the request's signature, as `[x-amzn-ErrorType, message]`, or undefined when it is good. */
function check(req: RecordedRequest, secrets: Record<string, string>, now: number, call: IamCall): [string, string] | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return ["MissingAuthenticationTokenException", "Missing Authentication Token"];
  let auth: ReturnType<typeof parseAuthorization>;
  try {
    auth = parseAuthorization(header);
  } catch {
    return ["IncompleteSignatureException", "Authorization header is not SigV4"];
  }
  call.accessKeyId = auth.accessKeyId;
  const secret = secrets[auth.accessKeyId];
  if (!secret) return ["UnrecognizedClientException", "The security token included in the request is invalid."];
  const amzDate = String(req.headers["x-amz-date"]);
  if (Math.abs(amzTime(amzDate) - now) > FIVE_MINUTES) {
    return ["InvalidSignatureException", `Signature expired: ${amzDate} is now earlier than ${new Date(now - FIVE_MINUTES).toISOString()} (${new Date(now).toISOString()} - 5 min.)`];
  }
  if (auth.service !== "sso-oauth" || auth.region !== "us-east-1") return ["InvalidSignatureException", "Credential should be scoped to a valid region and service."];
  const [path, query = ""] = req.url.split("?");
  const expected = referenceSignature(
    { method: req.method, path, query: Object.fromEntries(new URLSearchParams(query)), headers: req.headers as Record<string, string>, body: req.body },
    auth.signedHeaders,
    { secretAccessKey: secret, region: auth.region, service: auth.service },
  );
  if (expected !== auth.signature) return ["InvalidSignatureException", "The request signature we calculated does not match the signature you provided."];
  return undefined;
}
