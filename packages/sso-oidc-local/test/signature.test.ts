import { SignatureV4 } from "@smithy/signature-v4";
import { CreateTokenWithIAMCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import fc from "fast-check";
import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import { APP, iamOptions, JWT_BEARER, KEYS, makeIssuer, type Issuer } from "./support/iamFixture";

// How the local service answers a signed call it cannot accept (CreateTokenWithIAM, the one signed operation), as
// AWS's JSON services answer: HTTP 403, x-amzn-ErrorType naming the failure, x-amzn-RequestId, a JSON
// { "message" }, a Date by the service's clock; and that no header, body or JWT thrown at it gets past that.
const SKEW = 10 * 60 * 1000;
let server: LocalServer;
let issuer: Issuer;
let port: number;

beforeAll(async () => {
  issuer = await makeIssuer();
  server = await startLocalServer(iamOptions(issuer, "http://127.0.0.1/callback"));
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

const newClient = (config: object = {}) => new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: KEYS, maxAttempts: 1, ...config });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e) => e);
const assertion = () => issuer.mint({ email: "alice@example.com" }, Date.now());

/** Sends CreateTokenWithIAM with `client` and returns the refusal's name, status and message, and the client. */
async function refusal(client: SSOOIDCClient, input?: object) {
  try {
    const e = await failure(client.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion(), ...input })));
    return { name: e.name, status: e.$metadata.httpStatusCode, message: e.message };
  } finally {
    client.destroy();
  }
}

/** A raw POST to /token?aws_iam=t with these headers and body, and what came back. */
async function post(headers: Record<string, string>, body = "{}") {
  const res = await fetch(`${server.url}/token?aws_iam=t`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, type: res.headers.get("x-amzn-errortype"), requestId: res.headers.get("x-amzn-requestid"), date: res.headers.get("date"), body: await res.json() };
}

/** A request signed here with @smithy/signature-v4 (not the client), to change one thing at a time. */
async function signed(options: { body?: string; date?: Date; region?: string; service?: string; secretAccessKey?: string; headers?: Record<string, string>; applyChecksum?: boolean } = {}) {
  const body = options.body ?? JSON.stringify({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion() });
  const Sha256 = class {
    private h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
    constructor(key?: any) {
      this.h = key === undefined ? createHash("sha256") : createHmac("sha256", key);
    }
    update(d: any) {
      this.h.update(d);
    }
    async digest() {
      return this.h.digest();
    }
    reset() {}
  };
  const signer = new SignatureV4({ credentials: { ...KEYS, secretAccessKey: options.secretAccessKey ?? KEYS.secretAccessKey }, region: options.region ?? "us-east-1", service: options.service ?? "sso-oauth", sha256: Sha256 as any, applyChecksum: options.applyChecksum });
  const request = await signer.sign(
    { method: "POST", protocol: "http:", hostname: "127.0.0.1", port, path: "/token", query: { aws_iam: "t" }, headers: { host: `127.0.0.1:${port}`, "content-type": "application/json", ...options.headers }, body },
    { signingDate: options.date ?? new Date() },
  );
  return { headers: request.headers as Record<string, string>, body };
}

describe("a signed call the service refuses", () => {
  it("without a signature: MissingAuthenticationTokenException, shaped as AWS answers it", async () => {
    const answer = await post({});
    expect(answer).toEqual({
      status: 403,
      type: "MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      date: expect.any(String),
      body: { message: "Request is missing Authentication Token: sign it with SigV4 (AWS4-HMAC-SHA256) for the service sso-oauth." },
    });
    expect(Math.abs(Date.parse(answer.date!) - Date.now())).toBeLessThan(5000);
  });

  it("signed with a wrong secret key: InvalidSignatureException", async () => {
    expect(await refusal(newClient({ credentials: { ...KEYS, secretAccessKey: "not-the-secret" } }))).toEqual({
      name: "InvalidSignatureException",
      status: 403,
      message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    });
  });

  it("by an unknown key, or with another session token or none: UnrecognizedClientException", async () => {
    const invalid = { name: "UnrecognizedClientException", status: 403, message: "The security token included in the request is invalid." };
    expect(await refusal(newClient({ credentials: { ...KEYS, accessKeyId: "AKIDUNKNOWN" } }))).toEqual(invalid);
    expect(await refusal(newClient({ credentials: { ...KEYS, sessionToken: "another-token" } }))).toEqual(invalid);
    expect(await refusal(newClient({ credentials: { accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey } }))).toEqual(invalid);
  });

  it("whose body changed after signing: InvalidSignatureException, with or without x-amz-content-sha256", async () => {
    // A middleware after signing changes the body, as a proxy in between could.
    const client = newClient();
    client.middlewareStack.add(
      (next: any) => async (args: any) => {
        args.request.body = args.request.body.replace("alice@", "mallory@");
        args.request.headers["content-length"] = String(Buffer.byteLength(args.request.body));
        return next(args);
      },
      { step: "deserialize", name: "tamper" },
    );
    expect(await refusal(client, { assertion: JSON.stringify({ user: "alice@example.com" }) })).toEqual({
      name: "InvalidSignatureException",
      status: 403,
      message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. The x-amz-content-sha256 header is not the SHA-256 of the body: the body changed after it was signed.",
    });
    // Signed without that header (as the AWS CLI signs JSON services): the signature over the body itself fails.
    const unhashed = await signed({ applyChecksum: false });
    expect(unhashed.headers["x-amz-content-sha256"]).toBeUndefined();
    expect((await post(unhashed.headers, unhashed.body)).status).toBe(200);
    const tampered = await post(unhashed.headers, unhashed.body.replace(APP, APP.replace("2222", "3333")));
    expect([tampered.status, tampered.type?.split(":")[0], tampered.body.message]).toEqual([403, "InvalidSignatureException", expect.stringMatching(/ Consult the service documentation for details\.$/)]);
  });

  it("signed 5 minutes or more off the service's clock: InvalidSignatureException with a Date to correct from, which the client does", async () => {
    const ahead = newClient({ systemClockOffset: SKEW });
    const e = await failure(ahead.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion() })));
    expect([e.name, e.$metadata.httpStatusCode, e.$metadata.clockSkewCorrected]).toEqual(["InvalidSignatureException", 403, true]);
    expect(e.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
    expect(Math.abs(ahead.config.systemClockOffset!)).toBeLessThan(5000);
    // Corrected, the next call passes.
    expect((await ahead.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion() }))).tokenType).toBe("Bearer");
    ahead.destroy();
    const behind = await post((await signed({ date: new Date(Date.now() - SKEW) })).headers);
    expect([behind.status, behind.type?.split(":")[0], behind.body.message]).toEqual([403, "InvalidSignatureException", expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/)]);
    // With retries, the client corrects its clock and the retry passes.
    const retrying = newClient({ systemClockOffset: -SKEW, maxAttempts: 3 });
    const output = await retrying.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: await assertion() }));
    retrying.destroy();
    expect(output.$metadata.attempts).toBe(2);
  });

  it("with a signature that is incomplete or scoped wrong: says what is wrong", async () => {
    const { headers, body } = await signed();
    const auth = headers.authorization;
    const cases: [string, Record<string, string>, string, string][] = [
      ["no Signature", { authorization: auth.replace(/, Signature=\w+/, "") }, "IncompleteSignatureException", "Authorization header requires 'Signature' parameter."],
      ["no x-amz-date", { "x-amz-date": "" }, "IncompleteSignatureException", "Authorization header requires existence of a 'X-Amz-Date' header."],
      ["a date not ISO 8601", { "x-amz-date": "2026-11-27T12:00:00Z" }, "IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '2026-11-27T12:00:00Z'."],
      ["a date that is no day", { "x-amz-date": "20261345T250000Z" }, "IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '20261345T250000Z'."],
      ["a credential of 3 parts", { authorization: auth.replace(/Credential=\S+?,/, "Credential=AKID/x/y,") }, "IncompleteSignatureException", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/x/y'"],
      ["host unsigned", { authorization: auth.replace("host;", "") }, "InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization."],
    ];
    for (const [what, change, name, message] of cases) {
      const answer = await post({ ...headers, ...change }, body);
      expect([what, answer.status, answer.type?.split(":")[0], answer.body.message]).toEqual([what, 403, name, message]);
    }
    // Names that an ordinary object inherits are headers like any other: not sent, so not signed as sent.
    for (const name of ["constructor", "__proto__"]) {
      const answer = await post({ ...headers, authorization: auth.replace("SignedHeaders=", `SignedHeaders=${name};`) }, body);
      expect([name, answer.status, answer.type?.split(":")[0], answer.body.message]).toEqual([name, 403, "InvalidSignatureException", expect.stringMatching(new RegExp(` The header '${name}' is signed but was not sent\\.$`))]);
    }
    const scoped = await post((await signed({ service: "sts", region: "moon" })).headers);
    expect(scoped.body.message).toBe("Credential should be scoped to a valid region, not 'moon'. Credential should be scoped to correct service: 'sso-oauth'.");
    // Signed for another valid region: the signature holds, and the answer names this instance's.
    const west = await signed({ region: "eu-west-1" });
    const region = await post(west.headers, west.body);
    expect([region.status, region.type?.split(":")[0], region.body.region, region.body.endpoint]).toEqual([400, "InvalidRequestRegionException", "us-east-1", server.url]);
  });
});

describe("whatever a signed call carries", () => {
  const alive = async () => (await fetch(`${server.url}/nothing`)).status === 404;

  it("answers a random Authorization, x-amz-date, session token and body with a 4xx JSON error, and keeps serving", async () => {
    const base = await signed();
    const printable = fc.string({ unit: fc.constantFrom(..."AWS4-HMAC-SHA256 Credential=/,;:Signature SignedHeaders= x-amz-date host 0123456789abcdefZT".split("")), maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(fc.record({ authorization: fc.oneof(printable, printable.map((s) => `AWS4-HMAC-SHA256 ${s}`)), date: fc.oneof(printable, fc.constant(base.headers["x-amz-date"])), token: fc.option(printable, { nil: undefined }), body: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(base.body)) }), async (r) => {
        const headers: Record<string, string> = { ...base.headers, authorization: r.authorization, "x-amz-date": r.date };
        if (r.token !== undefined) headers["x-amz-security-token"] = r.token;
        const answer = await post(headers, r.body).catch((e) => ({ status: 0, type: String(e), body: {} }));
        expect(answer.status >= 400 && answer.status < 500 && typeof (answer.body as { message?: string }).message === "string").toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(await alive()).toBe(true);
  });

  it("answers any assertion, valid signature or not, with a 400 and never a 5xx", async () => {
    const client = newClient();
    const parts = fc.oneof(fc.base64String({ maxLength: 80 }), fc.constant(Buffer.from(JSON.stringify({ alg: "RS256", kid: "key-1" })).toString("base64url")), fc.constant(Buffer.from(JSON.stringify({ iss: "https://idp.example.com/tenant-1", aud: "my-web-app", exp: 9e9, email: "alice@example.com" })).toString("base64url")), fc.string({ maxLength: 40 }));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(parts, { minLength: 1, maxLength: 4 }), async (pieces) => {
          const e = await failure(client.send(new CreateTokenWithIAMCommand({ clientId: APP, grantType: JWT_BEARER, assertion: pieces.join(".") || "." })));
          expect([e.$metadata.httpStatusCode, ["InvalidGrantException", "InvalidRequestException"].includes(e.name)]).toEqual([400, true]);
        }),
        { numRuns: 150 },
      );
    } finally {
      client.destroy();
    }
    expect(await alive()).toBe(true);
  });

  it("answers header values and targets that break parsers with a 4xx, over a raw socket", async () => {
    const net = await import("node:net");
    const raw = (head: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write(head));
        let answer = "";
        socket.setTimeout(5000, () => socket.destroy());
        socket.on("data", (c) => (answer += c));
        socket.on("close", () => resolve(answer.slice(0, 12)));
        socket.on("error", () => resolve("error"));
      });
    const body = '{"clientId":"x"}';
    const date = (await signed()).headers["x-amz-date"];
    const heads = [
      `POST /token?aws_iam=t HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: AWS4-HMAC-SHA256 ${"Credential=".repeat(2000)}\r\nX-Amz-Date: 20261127T000000Z\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      `POST /token?aws_iam=t&aws_iam=t&%zz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host;host;;, Signature=zz\r\nX-Amz-Date: 99999999T999999Z\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      `POST /token?aws_iam=t HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: AWS4-HMAC-SHA256 Credential=${KEYS.accessKeyId}/${date.slice(0, 8)}/us-east-1/sso-oauth/aws4_request, SignedHeaders=host;x-missing, Signature=${"0".repeat(64)}\r\nX-Amz-Date: ${date}\r\nX-Amz-Security-Token: ${KEYS.sessionToken}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    ];
    for (const head of heads) expect(await raw(head)).toMatch(/^HTTP\/1\.1 4\d\d$/);
    expect(await alive()).toBe(true);
  });
});
