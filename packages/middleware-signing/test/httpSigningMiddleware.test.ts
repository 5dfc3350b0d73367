import { constructStack } from "@smithy/middleware-stack";
import { getHttpSigningPlugin, httpSigningMiddlewareOptions } from "@ssokit/middleware-signing";

const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const request = () => ({ method: "POST", protocol: "https:", hostname: "oidc.us-east-1.amazonaws.com", port: undefined, path: "/token", query: { aws_iam: "t" }, headers: { "content-type": "application/json" }, body: "{}" });

/** Runs one request through the plugin, with `answer` as the rest of the chain. */
async function sign(config: any, answer: (args: any) => Promise<any>) {
  const stack = constructStack<any, any>();
  stack.add((next: any) => next, { name: "retryMiddleware", step: "finalizeRequest", priority: "high" });
  stack.use(getHttpSigningPlugin(config, { signingName: "sso-oauth" }));
  const seen: any[] = [];
  const handler = stack.resolve(async (args: any) => (seen.push(args.request), answer(args)), {} as any);
  const outcome = await handler({ input: {}, request: request() } as any).then(
    (r) => r,
    (e) => e,
  );
  return { seen, outcome };
}

describe("httpSigningMiddleware", () => {
  it("is placed after retryMiddleware at finalizeRequest, under v3's name and aliases", () => {
    const stack = constructStack<any, any>();
    stack.add((next: any) => next, { name: "retryMiddleware", step: "finalizeRequest", priority: "high" });
    stack.use(getHttpSigningPlugin({ credentials: async () => KEYS, region: async () => "us-east-1" }, { signingName: "sso-oauth" }));
    expect(stack.identify()).toEqual([
      "retryMiddleware - finalizeRequest",
      "httpSigningMiddleware (a.k.a. apiKeyMiddleware,tokenMiddleware,awsAuthMiddleware) - finalizeRequest",
    ]);
    expect(httpSigningMiddlewareOptions.relation).toBe("after");
  });

  it("signs a copy with the host, the date of this clock plus the offset, and the session token; the request itself stays as it was", async () => {
    jest.spyOn(Date, "now").mockReturnValue(Date.UTC(2026, 0, 2, 3, 4, 5));
    const config = { credentials: async () => ({ ...KEYS, sessionToken: "tok" }), region: async () => "eu-west-1", systemClockOffset: 60_000 };
    const { seen } = await sign(config, async () => ({ response: { statusCode: 200, headers: {} } }));
    jest.restoreAllMocks();
    expect(seen[0].headers).toMatchObject({ host: "oidc.us-east-1.amazonaws.com", "x-amz-date": "20260102T030505Z", "x-amz-security-token": "tok" });
    expect(seen[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/eu-west-1\/sso-oauth\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
  });

  it("learns the offset from every answer's Date, as v3; marks a failure signed 4 minutes or more off; skips cached answers", async () => {
    const ahead = (ms: number, extra: object = {}) => ({ headers: { date: new Date(Date.now() + ms).toUTCString(), ...extra } });
    const near = (expected: number) => Math.abs(config.systemClockOffset - expected) < 2_000;
    const config: any = { credentials: async () => KEYS, region: async () => "us-east-1" };
    await sign(config, async () => ({ response: ahead(60_000) }));
    expect(near(60_000)).toBe(true);
    await sign(config, async () => ({ response: ahead(-3_600_000, { age: "30" }) }));
    expect(near(60_000)).toBe(true);
    const small = Object.assign(new Error("denied"), { $metadata: {}, $response: ahead(120_000) });
    expect((await sign(config, async () => Promise.reject(small))).outcome.$metadata.clockSkewCorrected).toBeUndefined();
    expect(near(120_000)).toBe(true);
    const failure = Object.assign(new Error("denied"), { $metadata: {}, $response: ahead(-3_600_000) });
    const { outcome } = await sign(config, async () => Promise.reject(failure));
    expect([outcome, outcome.$metadata.clockSkewCorrected]).toEqual([failure, true]);
    expect(near(-3_600_000)).toBe(true);
    // Signed with the corrected date, a failure is not the clock's: not retried for it (v3 would, the machine being off).
    const again = Object.assign(new Error("denied"), { $metadata: {}, $response: ahead(-3_600_000) });
    expect((await sign(config, async () => Promise.reject(again))).outcome.$metadata.clockSkewCorrected).toBeUndefined();
  });

  it("leaves the offset alone with disableClockSkewCorrection", async () => {
    const config: any = { credentials: async () => KEYS, region: async () => "us-east-1", disableClockSkewCorrection: true };
    const failure = Object.assign(new Error("denied"), { $metadata: {}, $response: { headers: { date: new Date(Date.now() - 3_600_000).toUTCString() } } });
    const { outcome } = await sign(config, async () => Promise.reject(failure));
    expect([outcome.$metadata.clockSkewCorrected, config.systemClockOffset]).toEqual([undefined, undefined]);
  });

  it("fails before sending when the credentials provider fails, or there is no region", async () => {
    const broken = await sign({ credentials: async () => Promise.reject(new Error("no creds")), region: async () => "us-east-1" }, async () => ({}));
    const noRegion = await sign({ credentials: async () => KEYS, region: async () => undefined }, async () => ({}));
    expect([broken.outcome.message, broken.seen.length]).toEqual(["no creds", 0]);
    expect([noRegion.outcome.code, noRegion.seen.length]).toEqual(["MissingRegion", 0]);
  });
});
