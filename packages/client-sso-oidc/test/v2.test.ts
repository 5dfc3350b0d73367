import {
  ConfigurationError,
  CreateTokenCommand,
  InvalidResponseError,
  SSOOIDCClient,
  TimeoutError,
  ValidationError,
  validateInput,
} from "@ssokit/client-sso-oidc";
import { fromV2Options, Request, SSOOIDC } from "@ssokit/client-sso-oidc/v2";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { json, startServer, type TestServer } from "./support/testServer";
import { fakeClock } from "../../core/test/support/fakeClock";

const tokenParams = { clientId: "cid", clientSecret: "csecret", grantType: "refresh_token", refreshToken: "rt" };
let server: TestServer;
let answer: (req: { url: string; body: string }, res: http.ServerResponse, i: number) => void;
const ok = (res: http.ServerResponse) => json(res, 200, { accessToken: "at", tokenType: "Bearer", expiresIn: "3600" });

beforeAll(async () => {
  server = await startServer((req, res, i) => answer(req, res, i));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.splice(0);
  answer = (_req, res) => ok(res);
});

const v2 = (options: ConstructorParameters<typeof SSOOIDC>[0] = {}) => new SSOOIDC({ region: "us-east-1", endpoint: server.url, ...options });

describe("SSOOIDC methods", () => {
  it("runs the AWS SDK v2 snippet as written: createToken(params, function (err, data) {...})", async () => {
    const ssooidc = v2();
    const printed: unknown[][] = [];
    const console = { log: (...args: unknown[]) => printed.push(args) };
    await new Promise<void>((done) => {
      ssooidc.createToken(tokenParams, function (err, data) {
        if (err) console.log(err, err.stack);
        else console.log(data);
        done();
      });
    });
    ssooidc.destroy();
    expect(printed).toHaveLength(1);
    expect(printed[0][0]).toMatchObject({ accessToken: "at", tokenType: "Bearer", expiresIn: 3600 });
  });

  it("returns v2's AWS.Request without a callback, which .promise() sends", async () => {
    const ssooidc = v2();
    const request = ssooidc.createToken(tokenParams);
    expect(request).toBeInstanceOf(Request);
    expect(await request.promise()).toMatchObject({ accessToken: "at" });
    expect(await ssooidc.createToken(tokenParams).promise()).toMatchObject({ tokenType: "Bearer" });
    ssooidc.destroy();
  });

  it("takes (params, options) and (params, options, callback), with options passed to send", async () => {
    const ssooidc = v2();
    const aborted = await ssooidc.createToken(tokenParams, { abortSignal: AbortSignal.abort() }).promise().catch((e) => e.name);
    const viaCallback = await new Promise((resolve) => ssooidc.createToken(tokenParams, {}, (err, data) => resolve(err ?? data)));
    ssooidc.destroy();
    expect(aborted).toBe("AbortError");
    expect(viaCallback).toMatchObject({ accessToken: "at" });
  });

  it("has all three operations, and send() too", async () => {
    const ssooidc = v2();
    answer = (req, res) =>
      json(res, 200, req.url === "/device_authorization" ? { deviceCode: "dc", userCode: "ABCD-EFGH" } : { clientId: "c", clientSecret: "s" });
    expect((await ssooidc.registerClient({ clientName: "n", clientType: "public" }).promise()).clientId).toBe("c");
    expect((await ssooidc.startDeviceAuthorization({ clientId: "c", clientSecret: "s", startUrl: "https://x.example/start" }).promise()).userCode).toBe("ABCD-EFGH");
    answer = (_req, res) => ok(res);
    expect((await ssooidc.send(new CreateTokenCommand(tokenParams))).accessToken).toBe("at");
    expect(ssooidc).toBeInstanceOf(SSOOIDCClient);
    ssooidc.destroy();
  });
});

describe("SSOOIDC options", () => {
  it("params: binds parameters to every call, under the call's own", async () => {
    const ssooidc = v2({ params: { clientId: "bound-id", clientSecret: "bound-secret", grantType: "refresh_token" } });
    await ssooidc.createToken({ refreshToken: "rt", clientId: "own-id" } as never).promise();
    ssooidc.destroy();
    expect(JSON.parse(server.requests[0].body)).toEqual({ clientId: "own-id", clientSecret: "bound-secret", grantType: "refresh_token", refreshToken: "rt" });
  });

  it("endpoint and sslEnabled: a bare host:port takes its scheme from sslEnabled", async () => {
    const host = server.url.replace("http://", "");
    const plain = new SSOOIDC({ endpoint: host, sslEnabled: false });
    expect((await plain.createToken(tokenParams).promise()).accessToken).toBe("at");
    plain.destroy();
    const secure = new SSOOIDC({ endpoint: host });
    expect((secure.endpoint as any).protocol).toBe("https:");
    expect((await secure.resolved.resolveEndpoint()).url.protocol).toBe("https:");
    secure.destroy();
  });

  it("sslEnabled false: the region's endpoint over plain http", async () => {
    const ssooidc = new SSOOIDC({ region: "eu-west-1", sslEnabled: false });
    expect((ssooidc.endpoint as any).href).toBe("http://oidc.eu-west-1.amazonaws.com/");
    expect((await ssooidc.resolved.resolveEndpoint()).url.href).toBe("http://oidc.eu-west-1.amazonaws.com/");
    ssooidc.destroy();
  });

  it("useFipsEndpoint and useDualstackEndpoint", async () => {
    const ssooidc = new SSOOIDC({ region: "us-east-2", useFipsEndpoint: true, useDualstackEndpoint: true });
    expect((ssooidc.endpoint as any).href).toBe("https://oidc-fips.us-east-2.api.aws/");
    expect((await ssooidc.resolved.resolveEndpoint()).url.href).toBe("https://oidc-fips.us-east-2.api.aws/");
    ssooidc.destroy();
  });

  it("maxRetries: retries after the first try, so 2 means at most 3 attempts", async () => {
    answer = (_req, res) => json(res, 500, {});
    const time = fakeClock();
    const ssooidc = v2({ maxRetries: 2, clock: time.clock });
    const e = await ssooidc.createToken(tokenParams).promise().catch((x) => x);
    ssooidc.destroy();
    expect(e.$metadata.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(() => new SSOOIDC({ maxRetries: -1 })).toThrow("maxRetries must be a whole number >= 0, not -1.");
  });

  it("maxRetries: 3 by default, as v2's, so at most 4 attempts", async () => {
    answer = (_req, res) => json(res, 500, {});
    const ssooidc = v2({ clock: fakeClock().clock });
    const e = await ssooidc.createToken(tokenParams).promise().catch((x) => x);
    ssooidc.destroy();
    expect(e.$metadata.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
  });

  it("retryDelayOptions.customBackoff: the delay per retry, and a negative one stops retrying", async () => {
    answer = (_req, res) => json(res, 503, {});
    const time = fakeClock();
    const seen: number[] = [];
    const ssooidc = v2({ maxRetries: 3, clock: time.clock, retryDelayOptions: { customBackoff: (n, err) => (seen.push(n), err ? 10 * (n + 1) : 0) } });
    await ssooidc.createToken(tokenParams).promise().catch(() => undefined);
    expect(time.sleeps).toEqual([10, 20, 30]);
    expect(seen).toEqual([0, 1, 2]);
    ssooidc.destroy();
    server.requests.splice(0);
    const stopper = v2({ maxRetries: 3, clock: fakeClock().clock, retryDelayOptions: { customBackoff: () => -1 } });
    const e = await stopper.createToken(tokenParams).promise().catch((x) => x);
    stopper.destroy();
    expect(e.$metadata.attempts).toBe(1);
  });

  it("fromV2Options: the config it makes retries with retryDelayOptions in an SSOOIDCClient of its own too", async () => {
    answer = (_req, res, i) => (i < 2 ? json(res, 503, {}) : ok(res));
    const time = fakeClock();
    const { config } = fromV2Options({ region: "us-east-1", endpoint: server.url, maxRetries: 2, clock: time.clock, retryDelayOptions: { customBackoff: () => 7 } });
    const client = new SSOOIDCClient(config);
    const out = await client.send(new CreateTokenCommand(tokenParams as never));
    client.destroy();
    expect([out.accessToken, out.$metadata.attempts, time.sleeps]).toEqual(["at", 3, [7, 7]]);
  });

  it("retryDelayOptions.base: the back-off base in ms", async () => {
    answer = (_req, res) => json(res, 503, {});
    const time = fakeClock();
    const random = jest.spyOn(Math, "random").mockReturnValue(0.5);
    const ssooidc = v2({ maxRetries: 2, clock: time.clock, retryDelayOptions: { base: 40 } });
    await ssooidc.createToken(tokenParams).promise().catch(() => undefined);
    random.mockRestore();
    ssooidc.destroy();
    expect(time.sleeps).toEqual([20, 40]);
  });

  it("httpOptions.timeout: a retryable TimeoutError after that many ms; 120000 by default", async () => {
    answer = () => undefined;
    const ssooidc = v2({ httpOptions: { timeout: 40 }, maxRetries: 1, clock: fakeClock().clock });
    const e = await ssooidc.createToken(tokenParams).promise().catch((x) => x);
    ssooidc.destroy();
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.$metadata.attempts).toBe(2);
    const defaults = new SSOOIDC();
    expect([defaults.config.httpOptions.timeout, defaults.resolved.requestTimeout]).toEqual([120_000, 120_000]);
    defaults.destroy();
  });

  it("httpOptions.connectTimeout and httpOptions.agent reach the request handler", async () => {
    const agent = new http.Agent({ keepAlive: true });
    const ssooidc = v2({ httpOptions: { connectTimeout: 1234, agent } });
    await ssooidc.createToken(tokenParams).promise();
    const handlerConfig = await (ssooidc.resolved.requestHandler as any).configProvider;
    expect(handlerConfig.connectionTimeout).toBe(1234);
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
    ssooidc.destroy();
    agent.destroy();
  });

  it("httpOptions.proxy: plain-http requests go through the proxy, in absolute form", async () => {
    const seen: string[] = [];
    const proxy = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const upstream = http.request(req.url!, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const ssooidc = v2({ httpOptions: { proxy: proxyUrl } });
    const out = await ssooidc.createToken(tokenParams).promise();
    ssooidc.destroy();
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
    expect(out.accessToken).toBe("at");
    expect(seen).toEqual([`POST ${server.url}/token`]);
    expect(server.requests).toHaveLength(1);
    expect(() => new SSOOIDC({ httpOptions: { proxy: "socks5://x:1080" } })).toThrow(ConfigurationError);
  });

  it("maxRedirects: follows 301/302/307/308 with a Location, 10 times by default, then a clear error", async () => {
    answer = (req, res, i) => {
      if (req.url === "/token") return res.writeHead(307, { location: "/v2/token" }).end();
      ok(res);
    };
    const ssooidc = v2();
    expect((await ssooidc.createToken(tokenParams).promise()).accessToken).toBe("at");
    expect(server.requests.map((r) => [r.url, JSON.parse(r.body).clientId])).toEqual([["/token", "cid"], ["/v2/token", "cid"]]);
    answer = (req, res) => res.writeHead(302, { location: `${req.url}x` }).end();
    const loop = await ssooidc.createToken(tokenParams).promise().catch((x) => x);
    ssooidc.destroy();
    expect(loop).toBeInstanceOf(InvalidResponseError);
    expect(loop.code).toBe("TooManyRedirects");
    expect(loop.message).toBe("Redirected more than maxRedirects (10) times; check the endpoint, or raise maxRedirects.");
    const none = v2({ maxRedirects: 0 });
    const e = await none.createToken(tokenParams).promise().catch((x) => x);
    none.destroy();
    expect(e.$metadata.httpStatusCode).toBe(302);
  });

  it("paramValidation: on by default, one error listing every problem with its path, nothing sent", async () => {
    const ssooidc = v2();
    const e = await ssooidc.createToken({ clientId: 7, scope: ["ok", 3], extra: true } as never).promise().catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    // The v2 client's errors carry v2's codes: MultipleValidationErrors for more than one problem.
    expect(e.code).toBe("MultipleValidationErrors");
    expect(e.errors.map((p: { path: string; code: string }) => `${p.path} ${p.code}`)).toEqual([
      "params.extra UnexpectedParameter",
      "params.clientId InvalidParameterType",
      "params.clientSecret MissingRequiredParameter",
      "params.grantType MissingRequiredParameter",
      "params.scope[1] InvalidParameterType",
    ]);
    expect(e.message).toBe(
      "5 problems with the input, nothing was sent: params.extra is not a member of this operation; params.clientId must be a string, not number; params.clientSecret is required; params.grantType is required; params.scope[1] must be a string, not number.",
    );
    expect(server.requests).toHaveLength(0);
    ssooidc.destroy();
    const off = v2({ paramValidation: false });
    await off.createToken({ ...tokenParams, extra: true } as never).promise();
    off.destroy();
    expect(server.requests).toHaveLength(1);
    const object = v2({ paramValidation: { min: true, max: true, pattern: true, enum: true } });
    expect((await object.createToken({ clientSecret: "s" } as never).promise().catch((x) => x)).errors).toHaveLength(2);
    object.destroy();
  });

  it("convertResponseTypes: on by default; off returns the JSON as it is", async () => {
    answer = (_req, res) => json(res, 200, { accessToken: "at", expiresIn: "3600", unknown: 1 });
    const on = v2();
    const off = v2({ convertResponseTypes: false });
    expect(await on.createToken(tokenParams).promise()).toMatchObject({ expiresIn: 3600 });
    expect(await off.createToken(tokenParams).promise()).toMatchObject({ expiresIn: "3600", unknown: 1 });
    on.destroy();
    off.destroy();
  });

  it("correctClockSkew: learns the offset from the Date header when the skew is 5 minutes or more", async () => {
    const ahead = 3_600_000;
    answer = (_req, res) => {
      res.setHeader("date", new Date(Date.now() + ahead).toUTCString());
      ok(res);
    };
    const correcting = v2({ correctClockSkew: true });
    await correcting.createToken(tokenParams).promise();
    expect(Math.abs(correcting.config.systemClockOffset - ahead)).toBeLessThan(2000);
    expect(Math.abs(correcting.resolved.clock.now() - (Date.now() + ahead))).toBeLessThan(2000);
    correcting.destroy();
    const trusting = v2();
    await trusting.createToken(tokenParams).promise();
    expect(trusting.config.systemClockOffset).toBe(0);
    trusting.destroy();
  });

  it("systemClockOffset: added to the client's clock", () => {
    const ssooidc = v2({ systemClockOffset: 90_000 });
    expect(Math.abs(ssooidc.resolved.clock.now() - Date.now() - 90_000)).toBeLessThan(1000);
    ssooidc.config.systemClockOffset = -5000;
    expect(Math.abs(ssooidc.resolved.clock.now() - Date.now() + 5000)).toBeLessThan(1000);
    expect(ssooidc.resolved.systemClockOffset).toBe(-5000);
    ssooidc.destroy();
  });

  it("logger with log(): one v2-style line per call, secrets masked", async () => {
    const lines: string[] = [];
    const ssooidc = v2({ logger: { log: (line: string) => lines.push(line) } });
    await ssooidc.createToken(tokenParams).promise();
    answer = (_req, res) => json(res, 400, { error: "invalid_grant", error_description: "refused csecret" }, { "x-amzn-errortype": "InvalidGrantException:x" });
    await ssooidc.createToken(tokenParams).promise().catch(() => undefined);
    ssooidc.destroy();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[AWS ssooidc 200 \d+\.\d{3}s 0 retries\] createToken\(\{"clientId":"cid","clientSecret":"\*\*\*SensitiveInformation\*\*\*","grantType":"refresh_token","refreshToken":"\*\*\*SensitiveInformation\*\*\*"\}\)$/);
    expect(lines[1]).toMatch(/^\[AWS ssooidc 400 \d+\.\d{3}s 0 retries\] createToken\(.*\) InvalidGrantException: refused \*\*\*SensitiveInformation\*\*\*$/);
    expect(lines.join("\n")).not.toContain("csecret");
  });

  it("logger with write(): the same line, with a newline", async () => {
    const written: string[] = [];
    const ssooidc = v2({ logger: { write: (text: string) => written.push(text) } });
    await ssooidc.createToken(tokenParams).promise();
    ssooidc.destroy();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\[AWS ssooidc 200 .*\)\n$/);
  });

  it("logger with info() and error(): structured records, as v3", async () => {
    const records: unknown[] = [];
    const ssooidc = v2({ logger: { info: (r: unknown) => records.push(r), error: () => {}, warn: () => {}, debug: () => {} } });
    await ssooidc.createToken(tokenParams).promise();
    ssooidc.destroy();
    expect(records).toEqual([expect.objectContaining({ commandName: "CreateTokenCommand", input: expect.objectContaining({ clientSecret: "***SensitiveInformation***" }) })]);
  });

  it("apiVersion and apiVersions: 2019-06-10 or latest; anything else names the versions", () => {
    for (const ok of [{ apiVersion: "2019-06-10" }, { apiVersion: "latest" }, { apiVersions: { ssooidc: "latest", s3: "2006-03-01" } }]) new SSOOIDC(ok).destroy();
    for (const bad of [{ apiVersion: "2014-11-06" }, { apiVersions: { ssooidc: "2020-01-01" } }]) {
      let error: any;
      try {
        new SSOOIDC(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.code).toBe("InvalidApiVersion");
      expect(error.message).toMatch(/is not one this client speaks; use "2019-06-10" or "latest"\.$/);
    }
  });

  it("accepts every other v2 option without error, and still works", async () => {
    const ssooidc = v2({
      accessKeyId: "AKID",
      secretAccessKey: "secret",
      sessionToken: "session",
      credentialProvider: { resolve: (done) => done(null, null) },
      signatureVersion: "v4",
      token: null,
      tokenProvider: null,
      signatureCache: true,
      computeChecksums: true,
      hostPrefixEnabled: true,
      endpointDiscoveryEnabled: false,
      endpointCacheSize: 1000,
      clientSideMonitoring: false,
      s3ForcePathStyle: true,
      s3BucketEndpoint: false,
      s3DisableBodySigning: true,
      s3UsEast1RegionalEndpoint: "regional",
      s3UseArnRegion: true,
      useAccelerateEndpoint: false,
      dynamoDbCrc32: true,
      stsRegionalEndpoints: "regional",
      customUserAgent: "my-app/1.0",
      httpOptions: { xhrAsync: true, xhrWithCredentials: false },
    });
    expect((await ssooidc.createToken(tokenParams).promise()).accessToken).toBe("at");
    expect(server.requests[0].headers["user-agent"]).toMatch(/ my-app\/1\.0$/);
    ssooidc.destroy();
  });
});

describe("SSOOIDC against the local service", () => {
  let local: LocalServer;
  beforeAll(async () => {
    local = await startLocalServer();
  });
  afterAll(() => local.close());

  it("runs a device login with the v2 methods", async () => {
    const ssooidc = new SSOOIDC({ region: "us-east-1", endpoint: local.url });
    const reg = await ssooidc.registerClient({ clientName: "v2", clientType: "public" }).promise();
    const auth = await ssooidc.startDeviceAuthorization({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }).promise();
    local.approve(auth.userCode!);
    const token = await ssooidc.createToken({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: auth.deviceCode }).promise();
    ssooidc.destroy();
    expect(token.tokenType).toBe("Bearer");
  });
});

describe("validateInput", () => {
  const shape = { name: { type: "string" as const, required: true as const, min: 2, max: 4, pattern: "^[a-z]+$", enum: ["ab", "abc"] }, tags: { type: "strings" as const, min: 1 } };

  it("checks the constraints switched on, and only those", () => {
    expect(validateInput({ name: "ABCDE", tags: [] }, shape, {}).map((p) => p.code)).toEqual([]);
    expect(validateInput({ name: "ABCDE", tags: [] }, shape, { min: true, max: true, pattern: true, enum: true }).map((p) => p.code)).toEqual([
      "MaxLengthError",
      "PatternMatchError",
      "EnumError",
      "MinLengthError",
    ]);
    expect(validateInput({ name: "a" }, shape, { min: true })[0]).toEqual({ path: "params.name", code: "MinLengthError", message: "params.name must have at least 2 characters" });
  });

  it("never quotes a value in a message", () => {
    const problems = validateInput({ name: "top-secret-value" }, shape, { max: true, pattern: true, enum: true });
    expect(problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(problems)).not.toContain("top-secret-value");
  });
});
