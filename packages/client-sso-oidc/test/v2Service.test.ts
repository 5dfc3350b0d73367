import { ConfigurationError } from "@ssokit/client-sso-oidc";
import { Credentials, Endpoint, SSOOIDC } from "@ssokit/client-sso-oidc/v2";
import { inspect } from "node:util";
import { IAM_KEYS, IAM_SESSION_TOKEN, startIamService, type IamService } from "./support/iamService";
import { json, startServer, type TestServer } from "./support/testServer";

// What the v2 client has of AWS.Service beyond the side-by-side programs (test/v2Differential): the edges of
// Endpoint and Credentials, config's defaults and printing, the credential sources v2 does not have (v3 providers,
// the default chain), and the signed path's failures.

const APPLICATION = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
const EXCHANGE = { clientId: APPLICATION, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "a.jwt.assertion" };

let iam: IamService;
let server: TestServer;
beforeAll(async () => {
  [iam, server] = await Promise.all([startIamService(), startServer((_req, res) => json(res, 200, { clientId: "c", clientSecret: "s" }))]);
});
afterAll(() => Promise.all([iam.close(), server.close()]));
beforeEach(() => {
  iam.calls.splice(0);
  server.requests.splice(0);
});

const signing = (options: ConstructorParameters<typeof SSOOIDC>[0]) => new SSOOIDC({ region: "us-east-1", endpoint: iam.url, ...options });
const verdicts = () => iam.calls.map((c) => `${c.accessKeyId ?? "unsigned"} ${c.verdict}`);

describe("Endpoint", () => {
  it("returns v2's parts of a URL, the port as a number, a default port where none is written", () => {
    const parts = (e: Endpoint) => [e.protocol, e.host, e.port, e.hostname, e.pathname, e.path, e.href];
    expect(parts(new Endpoint("https://oidc.us-east-1.amazonaws.com"))).toEqual(["https:", "oidc.us-east-1.amazonaws.com", 443, "oidc.us-east-1.amazonaws.com", "/", "/", "https://oidc.us-east-1.amazonaws.com/"]);
    expect(parts(new Endpoint("http://127.0.0.1:80/base?x=1#frag"))).toEqual(["http:", "127.0.0.1:80", 80, "127.0.0.1", "/base", "/base?x=1", "http://127.0.0.1:80/base?x=1#frag"]);
    expect(parts(new Endpoint("localhost:8080", { sslEnabled: false }))).toEqual(["http:", "localhost:8080", 8080, "localhost", "/", "/", "http://localhost:8080/"]);
    expect(parts(new Endpoint("localhost"))).toEqual(["https:", "localhost", 443, "localhost", "/", "/", "https://localhost/"]);
    expect(Object.keys(new Endpoint("http://u:p@h:1/p?q=1"))).toEqual(["protocol", "host", "port", "hostname", "pathname", "path", "href"]);
    expect((new Endpoint("http://u:p@h:1/p?q=1") as any).auth).toBe("u:p");
  });

  it("returns a plain copy when given an object, and throws for none or a string that is no URL", () => {
    const original = new Endpoint("http://127.0.0.1:4000/");
    const copy = new Endpoint(original);
    expect([copy instanceof Endpoint, copy === original, copy.href, copy.port]).toEqual([false, false, "http://127.0.0.1:4000/", 4000]);
    expect(() => new Endpoint(undefined as never)).toThrow("Invalid endpoint: undefined");
    expect(() => new Endpoint("http://exa mple.com")).toThrow(ConfigurationError);
  });
});

describe("Credentials", () => {
  it("keeps the secret access key and session token readable but out of inspect, JSON and spreads", () => {
    const credentials = new Credentials("AKIDX", "the-secret-key", "the-session-token");
    expect([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]).toEqual(["AKIDX", "the-secret-key", "the-session-token"]);
    const printed = [inspect(credentials, { showHidden: true, depth: 5 }), JSON.stringify(credentials), JSON.stringify({ ...credentials }), String(Object.values(credentials))].join("\n");
    expect(printed).toContain("AKIDX");
    expect(printed).not.toMatch(/the-secret-key|the-session-token/);
    expect(new Credentials({ credentials: { accessKeyId: "A", secretAccessKey: "S" } }).secretAccessKey).toBe("S");
  });

  it("refreshes in get() when a key is missing, when marked expired, and within expiryWindow seconds of expireTime", async () => {
    let refreshes = 0;
    class Counting extends Credentials {
      override refresh(callback: (err?: unknown) => void) {
        refreshes++;
        this.accessKeyId = "AKIDNEW";
        this.secretAccessKey = "new-secret";
        callback();
      }
    }
    const credentials = new Counting();
    await credentials.getPromise();
    await credentials.getPromise();
    credentials.expired = true;
    await credentials.getPromise();
    credentials.expireTime = new Date(Date.now() + 10_000);
    await credentials.getPromise();
    credentials.expiryWindow = 5;
    credentials.expireTime = new Date(Date.now() + 10_000);
    await credentials.getPromise();
    expect([refreshes, credentials.expired, credentials.needsRefresh()]).toEqual([3, false, false]);
  });

  it("rejects getPromise() with the refresh's error, and runs load() once for callers that coalesce", async () => {
    const failing = new Credentials();
    failing.refresh = (callback) => callback(new Error("no keys here"));
    await expect(failing.getPromise()).rejects.toThrow("no keys here");
    let loads = 0;
    const shared = new Credentials();
    shared.load = (callback) => setTimeout(() => (loads++, (shared.accessKeyId = "A"), (shared.secretAccessKey = "S"), callback()), 10);
    shared.refresh = (callback) => shared.coalesceRefresh(callback);
    await Promise.all([shared.getPromise(), shared.getPromise(), shared.getPromise()]);
    expect([loads, shared.refreshCallbacks.length]).toEqual([1, 0]);
  });
});

describe("SSOOIDC config", () => {
  it("returns v2's defaults, httpOptions merged over v2's timeout, unknown options kept", () => {
    const ssooidc = new SSOOIDC({ region: "eu-west-1", httpOptions: { connectTimeout: 5 }, maxAttempts: 2 });
    const { config } = ssooidc;
    expect([config.region, config.maxRetries, config.maxRedirects, config.paramValidation, config.sslEnabled, config.correctClockSkew, config.systemClockOffset]).toEqual([
      "eu-west-1",
      undefined,
      10,
      true,
      true,
      false,
      0,
    ]);
    expect([config.httpOptions, config.credentials, config.credentialProvider, config.endpoint, config.signatureVersion, config.maxAttempts]).toEqual([
      { timeout: 120000, connectTimeout: 5 },
      null,
      null,
      "oidc.eu-west-1.amazonaws.com",
      "v4",
      2,
    ]);
    ssooidc.destroy();
  });

  it("prints no secret: not the keys, not the session token, not a bound client secret, in the config or the client", () => {
    const ssooidc = signing({ ...IAM_KEYS.primary, sessionToken: IAM_SESSION_TOKEN, params: { clientSecret: "bound-client-secret", clientId: "bound-id" } });
    const printed = [inspect(ssooidc, { depth: 8 }), inspect(ssooidc.config, { depth: 8, showHidden: true }), JSON.stringify(ssooidc.config), inspect(ssooidc.config.credentials, { showHidden: true })].join("\n");
    expect(printed).toContain("bound-id");
    expect(printed).toContain(IAM_KEYS.primary.accessKeyId);
    for (const secret of [IAM_KEYS.primary.secretAccessKey, IAM_SESSION_TOKEN, "bound-client-secret"]) expect([secret, printed.includes(secret)]).toEqual([secret, false]);
    // Yet code reads them, as v2 code does.
    expect([ssooidc.config.secretAccessKey, ssooidc.config.sessionToken, ssooidc.config.credentials!.secretAccessKey]).toEqual([IAM_KEYS.primary.secretAccessKey, IAM_SESSION_TOKEN, IAM_KEYS.primary.secretAccessKey]);
    ssooidc.destroy();
  });
});

describe("SSOOIDC signed calls", () => {
  it("signs with a v3 credentials provider, asked again whenever its keys are within 15 s of their expiration", async () => {
    const asked = { near: 0, far: 0 };
    const provider = (which: keyof typeof asked, ms: number) => async () => (asked[which]++, { ...IAM_KEYS.rotated, expiration: new Date(Date.now() + ms) });
    for (const [which, ms] of [["near", 10_000], ["far", 3_600_000]] as const) {
      const ssooidc = signing({ credentials: provider(which, ms) });
      await ssooidc.createTokenWithIAM(EXCHANGE).promise();
      await ssooidc.createTokenWithIAM(EXCHANGE).promise();
      ssooidc.destroy();
    }
    expect(verdicts()).toEqual(Array(4).fill("AKIDROTATED ok"));
    // Keys that expire within v2's expiryWindow are fetched at each get, which v2 makes twice per signed call (to
    // validate, then to sign); keys good for an hour are fetched once.
    expect(asked).toEqual({ near: 4, far: 1 });
  });

  it("signs with the default chain of @aws-sdk/credential-provider-node when no credentials are configured", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: IAM_KEYS.primary.accessKeyId, AWS_SECRET_ACCESS_KEY: IAM_KEYS.primary.secretAccessKey });
    try {
      const ssooidc = signing({});
      const data = await ssooidc.createTokenWithIAM(EXCHANGE).promise();
      ssooidc.destroy();
      expect([data.tokenType, verdicts()]).toEqual(["Bearer", ["AKIDPRIMARY ok"]]);
    } finally {
      process.env = saved;
    }
  });

  it("fails with CredentialsError before anything is built or sent when the credentials have no secret key", async () => {
    const ssooidc = signing({ credentials: { accessKeyId: "AKIDONLY" } });
    const request = ssooidc.createTokenWithIAM(EXCHANGE);
    const events: string[] = [];
    for (const event of ["validate", "build", "sign", "error", "complete"]) request.on(event, () => events.push(event));
    const e = await request.promise().catch((x) => x);
    ssooidc.destroy();
    expect([e.code, e.name, e.message]).toEqual([
      "CredentialsError",
      "ConfigurationError",
      "No AWS credentials to sign with: credentials has no accessKeyId or no secretAccessKey. Pass credentials, or accessKeyId and secretAccessKey, or a credentialProvider to new SSOOIDC(...).",
    ]);
    expect([events, iam.calls.length]).toEqual([["validate", "error", "complete"], 0]);
  });

  it("takes credentials assigned to config after construction, as v2 reads them on every signed call", async () => {
    const ssooidc = signing(IAM_KEYS.primary);
    await ssooidc.createTokenWithIAM(EXCHANGE).promise();
    ssooidc.config.credentials = new Credentials(IAM_KEYS.rotated);
    await ssooidc.createTokenWithIAM(EXCHANGE).promise();
    ssooidc.destroy();
    expect(verdicts()).toEqual(["AKIDPRIMARY ok", "AKIDROTATED ok"]);
  });

  it("signs any operation made with makeRequest, and none made with makeUnauthenticatedRequest or the unsigned methods", async () => {
    const ssooidc = new SSOOIDC({ region: "us-east-1", endpoint: server.url, ...IAM_KEYS.primary });
    const registration = { clientName: "n", clientType: "public" };
    await ssooidc.makeRequest("registerClient", registration).promise();
    await ssooidc.makeUnauthenticatedRequest("registerClient", registration).promise();
    await ssooidc.registerClient(registration).promise();
    ssooidc.destroy();
    expect(server.requests.map((r) => (r.headers.authorization as string | undefined)?.split("/")[0] ?? "unsigned")).toEqual([
      "AWS4-HMAC-SHA256 Credential=AKIDPRIMARY",
      "unsigned",
      "unsigned",
    ]);
  });
});

describe("SSOOIDC hooks", () => {
  it("throws a clear error when customizeRequests is given something that is not a function, and removes the handler on null", async () => {
    const ssooidc = new SSOOIDC({ region: "us-east-1", endpoint: server.url });
    expect(() => ssooidc.customizeRequests("nope" as never)).toThrow("customizeRequests takes a function, not string.");
    let customized = 0;
    ssooidc.customizeRequests(() => customized++);
    ssooidc.registerClient({ clientName: "n", clientType: "public" });
    ssooidc.customizeRequests(null);
    ssooidc.registerClient({ clientName: "n", clientType: "public" });
    ssooidc.destroy();
    expect(customized).toBe(1);
  });
});
