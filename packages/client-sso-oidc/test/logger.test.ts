import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@ssokit/client-sso-oidc";
import { inspect } from "node:util";
import { errorType, json, startServer, type TestServer } from "./support/testServer";

const SECRETS = {
  clientSecret: "SECRET-client-secret-0001",
  deviceCode: "SECRET-device-code-0002",
  code: "SECRET-auth-code-0003",
  codeVerifier: "SECRET-pkce-verifier-0004",
  refreshTokenIn: "SECRET-refresh-token-in-0005",
  accessToken: "SECRET-access-token-0006",
  refreshTokenOut: "SECRET-refresh-token-out-0007",
  idToken: "SECRET-id-token-0008",
};

let server: TestServer;
let mode: "ok" | "error" | "echo" = "ok";

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (mode === "error") return json(res, 400, { error: "invalid_grant", error_description: "grant refused" }, errorType("InvalidGrantException"));
    if (mode === "echo") return json(res, 400, { error: "invalid_client", error_description: `you sent ${req.body}` }, errorType("InvalidClientException"));
    if (req.url === "/client/register") return json(res, 200, { clientId: "cid", clientSecret: SECRETS.clientSecret, clientSecretExpiresAt: 1 });
    if (req.url === "/device_authorization") return json(res, 200, { deviceCode: SECRETS.deviceCode, userCode: "ABCD-EFGH", interval: 1 });
    return json(res, 200, { accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshTokenOut, idToken: SECRETS.idToken, tokenType: "Bearer" });
  });
});
afterAll(() => server.close());

function capture() {
  const records: { level: string; record: unknown }[] = [];
  const logger = Object.fromEntries(
    ["trace", "debug", "info", "warn", "error"].map((level) => [level, (record: unknown) => records.push({ level, record })]),
  ) as any;
  return { records, logger };
}

const tokenInput = {
  clientId: "cid",
  clientSecret: SECRETS.clientSecret,
  grantType: "authorization_code",
  deviceCode: SECRETS.deviceCode,
  code: SECRETS.code,
  codeVerifier: SECRETS.codeVerifier,
  refreshToken: SECRETS.refreshTokenIn,
};

function assertNoSecret(text: string) {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

describe("loggerMiddleware", () => {
  it("writes one info record per successful call, with every secret masked", async () => {
    mode = "ok";
    const { records, logger } = capture();
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger });
    await client.send(new RegisterClientCommand({ clientName: "n", clientType: "public" }));
    await client.send(new StartDeviceAuthorizationCommand({ clientId: "cid", clientSecret: SECRETS.clientSecret, startUrl: "https://x.example/start" }));
    await client.send(new CreateTokenCommand(tokenInput));
    client.destroy();
    expect(records.map((r) => r.level)).toEqual(["info", "info", "info"]);
    const last = records[2].record as any;
    expect(last).toEqual({
      clientName: "SSOOIDCClient",
      commandName: "CreateTokenCommand",
      input: {
        clientId: "cid",
        clientSecret: "***SensitiveInformation***",
        grantType: "authorization_code",
        deviceCode: "***SensitiveInformation***",
        code: "***SensitiveInformation***",
        codeVerifier: "***SensitiveInformation***",
        refreshToken: "***SensitiveInformation***",
      },
      output: {
        accessToken: "***SensitiveInformation***",
        refreshToken: "***SensitiveInformation***",
        idToken: "***SensitiveInformation***",
        tokenType: "Bearer",
      },
      metadata: { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 },
    });
    assertNoSecret(JSON.stringify(records));
    assertNoSecret(inspect(records, { depth: 10 }));
  });

  it("writes one error record per failed call, with the error's name and the input masked", async () => {
    mode = "error";
    const { records, logger } = capture();
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger });
    await client.send(new CreateTokenCommand(tokenInput)).catch(() => undefined);
    client.destroy();
    expect(records).toHaveLength(1);
    expect(records[0].level).toBe("error");
    expect((records[0].record as any).error).toEqual({
      name: "InvalidGrantException",
      message: "grant refused",
      $fault: "client",
      error: "invalid_grant",
      error_description: "grant refused",
    });
    expect((records[0].record as any).metadata).toEqual({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });
    assertNoSecret(JSON.stringify(records));
  });

  it("never logs a secret that the service echoes back in an error", async () => {
    mode = "echo";
    const { records, logger } = capture();
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger });
    const e = await client.send(new CreateTokenCommand(tokenInput)).catch((x) => x);
    client.destroy();
    expect(records).toHaveLength(1);
    assertNoSecret(JSON.stringify(records));
    assertNoSecret(e.message);
    assertNoSecret(String(e.stack));
    assertNoSecret(inspect(e, { depth: 5 }));
  });

  it("logs nothing at all with the default logger, and never writes to the console", async () => {
    mode = "ok";
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await client.send(new CreateTokenCommand(tokenInput));
    client.destroy();
    for (const s of spies) {
      expect(s).not.toHaveBeenCalled();
      s.mockRestore();
    }
  });
});

describe("CreateTokenCommand.toJSON", () => {
  it("masks secrets when a command is stringified or inspected", () => {
    const command = new CreateTokenCommand(tokenInput);
    assertNoSecret(JSON.stringify(command));
    assertNoSecret(inspect(command));
    expect(JSON.parse(JSON.stringify(command)).input.clientId).toBe("cid");
    expect(inspect(command)).toMatch(/^CreateTokenCommand \{"clientId":"cid","clientSecret":"\*\*\*SensitiveInformation\*\*\*"/);
  });
});
