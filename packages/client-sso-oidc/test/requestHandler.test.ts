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

  it("can be destroyed before it ever sent", () => {
    const client = new SSOOIDCClient({ region: "us-east-1" });
    expect(() => client.destroy()).not.toThrow();
  });
});
