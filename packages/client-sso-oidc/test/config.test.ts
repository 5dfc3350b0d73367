import { ConfigurationError, CreateTokenCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { json, startServer, type TestServer } from "./support/testServer";

let server: TestServer;
const input = { clientId: "c", clientSecret: "s", grantType: "g" };

beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { accessToken: "at" }));
});
afterAll(() => server.close());
afterEach(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
});

describe("SSOOIDCClient config from the environment", () => {
  it("reads AWS_REGION", async () => {
    process.env.AWS_REGION = "eu-central-1";
    const client = new SSOOIDCClient();
    expect(await client.config.region()).toBe("eu-central-1");
    client.destroy();
  });

  it("prefers the region passed in over AWS_REGION", async () => {
    process.env.AWS_REGION = "eu-central-1";
    const client = new SSOOIDCClient({ region: "us-west-2" });
    expect(await client.config.region()).toBe("us-west-2");
    client.destroy();
  });

  it("reads AWS_ENDPOINT_URL_SSO_OIDC before AWS_ENDPOINT_URL, and sends there without a region", async () => {
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:1";
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = server.url;
    const client = new SSOOIDCClient();
    const out = await client.send(new CreateTokenCommand(input));
    client.destroy();
    expect(out.accessToken).toBe("at");
  });

  it("ignores the endpoint variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true", async () => {
    process.env.AWS_ENDPOINT_URL = server.url;
    process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = "true";
    process.env.AWS_REGION = "us-east-1";
    const client = new SSOOIDCClient();
    expect(client.config.isCustomEndpoint).toBe(false);
    expect((await client.config.resolveEndpoint()).url.href).toBe("https://oidc.us-east-1.amazonaws.com/");
    client.destroy();
  });

  it("reads AWS_MAX_ATTEMPTS and AWS_RETRY_MODE", async () => {
    process.env.AWS_MAX_ATTEMPTS = "5";
    process.env.AWS_RETRY_MODE = "adaptive";
    const client = new SSOOIDCClient({ region: "us-east-1" });
    expect(await client.config.maxAttempts()).toBe(5);
    expect(await client.config.retryMode()).toBe("adaptive");
    expect(((await client.config.retryStrategy()) as { mode: string }).mode).toBe("adaptive");
    client.destroy();
  });

  it("reads AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT", async () => {
    process.env.AWS_USE_FIPS_ENDPOINT = "true";
    process.env.AWS_USE_DUALSTACK_ENDPOINT = "TRUE";
    const client = new SSOOIDCClient({ region: "us-east-1" });
    expect((await client.config.resolveEndpoint()).url.href).toBe("https://oidc-fips.us-east-1.api.aws/");
    client.destroy();
  });

  it.each([
    ["AWS_MAX_ATTEMPTS", "three"],
    ["AWS_USE_FIPS_ENDPOINT", "yes"],
    ["AWS_USE_DUALSTACK_ENDPOINT", "1"],
  ])("throws a ConfigurationError naming %s when it holds %p", (name, value) => {
    process.env[name] = value;
    let error: any;
    try {
      new SSOOIDCClient({ region: "us-east-1" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.code).toBe("InvalidEnvironment");
    expect(error.message).toContain(name);
  });
});

describe("SSOOIDCClient config values", () => {
  it("throws at construction for a bad maxAttempts, retryMode or requestTimeout", () => {
    expect(() => new SSOOIDCClient({ maxAttempts: 0 })).toThrow("maxAttempts must be a whole number >= 1, not 0.");
    expect(() => new SSOOIDCClient({ retryMode: "sometimes" })).toThrow('retryMode must be "standard" or "adaptive", not "sometimes".');
    expect(() => new SSOOIDCClient({ requestTimeout: -1 })).toThrow("requestTimeout must be a number >= 0, not -1.");
  });

  it("constructs without a region, and fails at send with MissingRegion", async () => {
    const client = new SSOOIDCClient();
    const e = await client.send(new CreateTokenCommand(input)).catch((x) => x);
    client.destroy();
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.code).toBe("MissingRegion");
    expect(e.message).toBe(
      "Invalid Configuration: Missing Region. Set region (or AWS_REGION), or endpoint.",
    );
  });

  it("uses a request handler instance as given, and options to build the default one", async () => {
    const handler = new NodeHttpHandler();
    const given = new SSOOIDCClient({ endpoint: server.url, requestHandler: handler });
    expect(given.config.requestHandler).toBe(handler);
    expect((await given.send(new CreateTokenCommand(input))).accessToken).toBe("at");
    given.destroy();
    const built = new SSOOIDCClient({ requestHandler: { connectionTimeout: 1234 } });
    expect(built.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
    built.destroy();
  });

  it("sets defaults: 3 attempts, standard mode, 30 s request timeout, 1 MiB responses", async () => {
    const client = new SSOOIDCClient();
    expect(await client.config.maxAttempts()).toBe(3);
    expect(await client.config.retryMode()).toBe("standard");
    expect(client.config.requestTimeout).toBe(30000);
    expect(client.config.maxResponseBytes).toBe(1048576);
    client.destroy();
  });

  it("appends customUserAgent, as a string or as pairs, to both user agent headers", async () => {
    const agents = async (config: object) => {
      server.requests.splice(0);
      const client = new SSOOIDCClient({ endpoint: server.url, ...config });
      await client.send(new CreateTokenCommand(input));
      client.destroy();
      const { headers } = server.requests[0];
      expect(headers["user-agent"]).toBe(headers["x-amz-user-agent"]);
      return headers["x-amz-user-agent"];
    };
    expect(await agents({ customUserAgent: "my-app/1.2" })).toMatch(/^ssokit\/\S+ .* my-app\/1\.2$/);
    expect(await agents({ customUserAgent: [["my app", "1.2"], ["plain"]] })).toMatch(/ my-app\/1\.2 plain$/);
    expect(await agents({})).toMatch(/ api\/sso-oidc#\S+$/);
  });

  it("reads customUserAgent on every request, so pairs a plugin pushes after construction are sent, as in v3", async () => {
    server.requests.splice(0);
    const client = new SSOOIDCClient({ endpoint: server.url, customUserAgent: [["app", "1.0"]] });
    await client.send(new CreateTokenCommand(input));
    expect(client.config.customUserAgent).toEqual([["app", "1.0"]]);
    client.config.customUserAgent!.push(["plugin", "2.0"]);
    await client.send(new CreateTokenCommand(input));
    client.config.customUserAgent = [["replaced"]];
    await client.send(new CreateTokenCommand(input));
    client.destroy();
    const tails = server.requests.map((r) => String(r.headers["x-amz-user-agent"]).replace(/^.* api\/sso-oidc#[^ ]+/, ""));
    expect(tails).toEqual([" app/1.0", " app/1.0 plugin/2.0", " replaced"]);
  });

  it("closes its pooled connections on destroy", async () => {
    const client = new SSOOIDCClient({ endpoint: server.url });
    await client.send(new CreateTokenCommand(input));
    const agent = (client.config.requestHandler as any).config.httpAgent;
    const sockets = Object.values(agent.freeSockets).flat() as { destroyed: boolean }[];
    expect(sockets).toHaveLength(1);
    expect(sockets[0].destroyed).toBe(false);
    client.destroy();
    expect(sockets[0].destroyed).toBe(true);
  });
});
