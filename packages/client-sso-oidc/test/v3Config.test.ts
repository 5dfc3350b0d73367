import { ConfigurationError, CreateTokenCommand, SSOOIDCClient, type SSOOIDCClientConfig } from "@ssokit/client-sso-oidc";
import type { ExtensionConfiguration } from "@ssokit/core";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { StandardRetryStrategy as LegacyStandardRetryStrategy } from "@smithy/middleware-retry";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ConfiguredRetryStrategy, StandardRetryStrategy } from "@smithy/util-retry";
import { json, startServer, type TestServer } from "./support/testServer";

// The config fields code written for the AWS SDK v3 touches: credentials, retryStrategy, extensions. This file is
// also type-checked under `strict` by `npm test` (tsc -p .), so each program below is one v3 code compiles as.

let server: TestServer;
let status = 200;
const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

beforeAll(async () => {
  server = await startServer((_req, res) => (status === 200 ? json(res, 200, { accessToken: "at" }) : json(res, status, { error: "server_error" })));
});
afterAll(() => server.close());
beforeEach(() => {
  status = 200;
  server.requests.splice(0);
});
afterEach(() => {
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) delete process.env[name];
});

const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

describe("credentials", () => {
  it("turns an identity into the provider function v3 code calls", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", credentials: KEYS });
    expect(typeof client.config.credentials).toBe("function");
    expect(await client.config.credentials()).toEqual(KEYS);
    client.destroy();
  });

  it("keeps a provider's identity until 5 minutes before it expires, and shares one call among concurrent callers", async () => {
    let now = Date.UTC(2026, 0, 1);
    let calls = 0;
    const provider: AwsCredentialIdentityProvider = async () => ({ ...KEYS, sessionToken: `t${++calls}`, expiration: new Date(now + 600_000) });
    const client = new SSOOIDCClient({ region: "us-east-1", credentials: provider, clock: { now: () => now, sleep: async () => {} } });
    const [a, b] = await Promise.all([client.config.credentials(), client.config.credentials()]);
    expect([a.sessionToken, b.sessionToken, calls]).toEqual(["t1", "t1", 1]);
    now += 299_000;
    expect((await client.config.credentials()).sessionToken).toBe("t1");
    now += 2_000; // 4 min 59 s before expiry: inside the window
    expect((await client.config.credentials()).sessionToken).toBe("t2");
    client.destroy();
  });

  it("asks the provider again after it failed, and passes the client's config as callerClientConfig", async () => {
    let fail = true;
    const seen: unknown[] = [];
    const client = new SSOOIDCClient({
      region: "eu-west-1",
      credentials: async (options?: { callerClientConfig?: unknown }) => {
        seen.push(options?.callerClientConfig);
        if (fail) throw new Error("no credentials yet");
        return KEYS;
      },
    });
    await expect(client.config.credentials()).rejects.toThrow("no credentials yet");
    fail = false;
    expect(await client.config.credentials()).toEqual(KEYS);
    expect(seen).toHaveLength(2);
    expect(await (seen[1] as { region: () => Promise<string> }).region()).toBe("eu-west-1");
    client.destroy();
  });

  it("rejects an identity without keys with a ConfigurationError that names no value", async () => {
    const client = new SSOOIDCClient({ credentials: { accessKeyId: "AKID", secretAccessKey: "" } });
    const error = await client.config.credentials().catch((e) => e);
    expect([error instanceof ConfigurationError, error.code]).toEqual([true, "InvalidCredentials"]);
    expect(error.message).toBe("credentials must give an accessKeyId and a secretAccessKey (strings); check the credentials you pass.");
    client.destroy();
  });

  it("uses the default chain of @aws-sdk/credential-provider-node in Node when none are given", async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDFROMENV";
    process.env.AWS_SECRET_ACCESS_KEY = "secret-from-env";
    const client = new SSOOIDCClient({ region: "us-east-1" });
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: "AKIDFROMENV", secretAccessKey: "secret-from-env" });
    client.destroy();
  });

  it("says to install @aws-sdk/credential-provider-node or pass credentials when the default chain is missing", async () => {
    jest.resetModules();
    jest.doMock("@aws-sdk/credential-provider-node", () => {
      throw new Error("Cannot find module '@aws-sdk/credential-provider-node'");
    });
    const { SSOOIDCClient: Isolated } = require("@ssokit/client-sso-oidc") as typeof import("@ssokit/client-sso-oidc");
    const client = new Isolated({ region: "us-east-1" });
    const error = await client.config.credentials().catch((e) => e);
    jest.dontMock("@aws-sdk/credential-provider-node");
    expect([error.name, error.code]).toEqual(["ConfigurationError", "MissingCredentials"]);
    expect(error.message).toMatch(/pass credentials to the client, or install @aws-sdk\/credential-provider-node/);
    client.destroy();
  });
});

describe("retryStrategy", () => {
  it("takes @smithy/util-retry's StandardRetryStrategy and ConfiguredRetryStrategy", async () => {
    status = 500;
    const strategies = [new StandardRetryStrategy(2), new ConfiguredRetryStrategy(4, 1)];
    for (const retryStrategy of strategies) {
      const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, retryStrategy });
      const error = await client.send(new CreateTokenCommand(input)).catch((e) => e);
      client.destroy();
      expect([error.name, error.$metadata.attempts]).toEqual(["InternalServerException", retryStrategy === strategies[0] ? 2 : 4]);
    }
    expect(server.requests).toHaveLength(6);
  }, 10_000);

  it("takes the older RetryStrategy of @smithy/middleware-retry, which runs the attempts itself", async () => {
    status = 500;
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, retryStrategy: new LegacyStandardRetryStrategy(async () => 2) });
    const error = await client.send(new CreateTokenCommand(input)).catch((e) => e);
    client.destroy();
    expect(error.name).toBe("InternalServerException");
    expect(server.requests).toHaveLength(2);
  }, 10_000);
});

describe("extensions", () => {
  /** Sends a call and reports where it went, without the network where the endpoint is AWS's. */
  async function destination(client: SSOOIDCClient): Promise<string> {
    let host = "";
    const command = new CreateTokenCommand(input);
    command.middlewareStack.add(
      () => async (args: any) => {
        host = `${args.request.protocol}//${args.request.hostname}${args.request.port ? `:${args.request.port}` : ""}`;
        return { output: { $metadata: {} }, response: {} };
      },
      { step: "build", priority: "high", name: "stopHere" },
    );
    await client.send(command);
    return host;
  }

  it("gives configure the getters v3 passes, in v3's shapes", async () => {
    const seen: Record<string, unknown> = {};
    const client = new SSOOIDCClient({
      region: "us-east-1",
      credentials: KEYS,
      extensions: [
        {
          configure(c: ExtensionConfiguration) {
            seen.region = typeof c.region();
            seen.credentials = typeof c.credentials();
            seen.handler = c.httpHandler() instanceof NodeHttpHandler;
            seen.retryStrategy = typeof c.retryStrategy();
            seen.handlerConfig = typeof c.httpHandlerConfigs();
          },
        },
      ],
    });
    expect(seen).toEqual({ region: "function", credentials: "function", handler: true, retryStrategy: "function", handlerConfig: "object" });
    expect(await client.config.region()).toBe("us-east-1");
    client.destroy();
  });

  it("applies what configure sets: region (and with it the endpoint), credentials, retry strategy", async () => {
    const client = new SSOOIDCClient({
      region: "us-east-1",
      extensions: [
        {
          configure(c) {
            c.setRegion("eu-west-1");
            c.setCredentials(KEYS);
            c.setRetryStrategy(new ConfiguredRetryStrategy(1));
          },
        },
      ],
    });
    expect(await client.config.region()).toBe("eu-west-1");
    expect(await destination(client)).toBe("https://oidc.eu-west-1.amazonaws.com");
    expect(await client.config.credentials()).toEqual(KEYS);
    expect(await client.config.retryStrategy()).toBeInstanceOf(ConfiguredRetryStrategy);
    client.destroy();
  });

  it("checks what configure sets as the constructor would: a bad region fails at send with InvalidRegion", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", extensions: [{ configure: (c) => c.setRegion("evil.example/") }] });
    const error = await client.send(new CreateTokenCommand(input)).catch((e) => e);
    expect([error.name, error.code]).toEqual(["ConfigurationError", "InvalidRegion"]);
    client.destroy();
  });

  it("sends through a request handler configure sets, and hands back a retry strategy it read", async () => {
    const handler = new NodeHttpHandler();
    const handle = jest.spyOn(handler, "handle");
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      maxAttempts: 2,
      extensions: [
        { configure: (c) => c.setHttpHandler(handler) },
        { configure: (c) => c.setRetryStrategy(c.retryStrategy()) },
      ],
    });
    expect(client.config.requestHandler).toBe(handler);
    status = 500;
    const error = await client.send(new CreateTokenCommand(input)).catch((e) => e);
    client.destroy();
    expect([error.name, error.$metadata.attempts, server.requests.length, handle.mock.calls.length]).toEqual(["InternalServerException", 2, 2, 2]);
  }, 10_000);

  it("applies extensions in order, each seeing what the one before set", async () => {
    const regions: string[] = [];
    const config: SSOOIDCClientConfig = {
      region: "us-east-1",
      extensions: [
        { configure: (c) => c.setRegion("us-west-2") },
        { configure: async (c) => void regions.push((await c.region()())!) },
      ],
    };
    const client = new SSOOIDCClient(config);
    await new Promise((resolve) => setImmediate(resolve));
    expect(regions).toEqual(["us-west-2"]);
    client.destroy();
  });
});
