import { NodeHttpHandler } from "@smithy/node-http-handler";
import { CreateTokenCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import http from "node:http";
import https from "node:https";
import { json, startServer, type TestServer } from "./support/testServer";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { accessToken: "at", tokenType: "Bearer", expiresIn: 60 }));
});
afterAll(() => server.close());

describe("SSOOIDCClient's default request handler (Node)", () => {
  it("is a NodeHttpHandler that makes its agents at the first request, not at construction", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, requestHandler: { connectionTimeout: 1234 } });
    const handler = client.config.requestHandler as NodeHttpHandler;
    expect(handler).toBeInstanceOf(NodeHttpHandler);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handler.httpHandlerConfigs()).toEqual({});
    await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
    const config = handler.httpHandlerConfigs() as { httpAgent: http.Agent; httpsAgent: https.Agent; connectionTimeout: number };
    expect([config.httpAgent instanceof http.Agent, config.httpsAgent instanceof https.Agent, config.connectionTimeout]).toEqual([true, true, 1234]);
    expect([(config.httpAgent as http.Agent & { keepAlive: boolean }).keepAlive, config.httpAgent.maxSockets]).toEqual([true, 50]);
    client.destroy();
  });

  it("keeps what updateHttpClientConfig set before the first request, as runtime extensions set it", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    const handler = client.config.requestHandler as NodeHttpHandler;
    handler.updateHttpClientConfig("connectionTimeout", 4321);
    handler.updateHttpClientConfig("socketAcquisitionWarningTimeout", 999);
    await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" }));
    const config = handler.httpHandlerConfigs() as { httpAgent: http.Agent; connectionTimeout: number; socketAcquisitionWarningTimeout: number };
    expect([config.connectionTimeout, config.socketAcquisitionWarningTimeout, config.httpAgent instanceof http.Agent]).toEqual([4321, 999, true]);
    client.destroy();
  });

  it("makes one set of agents for first requests sent together", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" } as const;
    const outputs = await Promise.all([1, 2, 3].map(() => client.send(new CreateTokenCommand(input))));
    const { httpAgent } = (client.config.requestHandler as NodeHttpHandler).httpHandlerConfigs() as { httpAgent: http.Agent };
    expect([outputs.map((o) => o.accessToken), Object.values(httpAgent.freeSockets).flat().length]).toEqual([["at", "at", "at"], 3]);
    client.destroy();
  });

  it("can be destroyed before it ever sent", () => {
    const client = new SSOOIDCClient({ region: "us-east-1" });
    expect(() => client.destroy()).not.toThrow();
  });
});
