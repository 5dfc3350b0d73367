// `npm start`: the SDK's main job against a local default. Starts a small SSO OIDC stand-in on 127.0.0.1 (a free
// port), then registers a client, starts a device authorization, approves it as the user would, polls CreateToken
// as RFC 8628 says and prints each step. Secrets are never printed.
import http from "node:http";
import { randomBytes } from "node:crypto";
import {
  SSOOIDCClient,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
  CreateTokenCommand,
  isAuthorizationPendingException,
  isSlowDownException,
} from "@ssokit/client-sso-oidc";

const token = () => randomBytes(24).toString("base64url");
const state = { clients: new Map(), devices: new Map() };

function answer(res, status, body, errorName) {
  const headers = { "content-type": "application/json", "x-amzn-requestid": randomBytes(8).toString("hex") };
  if (errorName) headers["x-amzn-errortype"] = `${errorName}:http://internal.amazon.com/coral/com.amazonaws.ssooidc/`;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", () => {
    let body;
    try {
      body = JSON.parse(raw || "{}");
    } catch {
      return answer(res, 400, { error: "invalid_request", error_description: "malformed JSON" }, "InvalidRequestException");
    }
    const now = Math.floor(Date.now() / 1000);
    if (req.method === "POST" && req.url === "/client/register") {
      const client = { clientId: token(), clientSecret: token(), clientIdIssuedAt: now, clientSecretExpiresAt: now + 90 * 86400 };
      state.clients.set(client.clientId, client);
      return answer(res, 200, client);
    }
    const client = state.clients.get(body.clientId);
    if (!client || client.clientSecret !== body.clientSecret) {
      return answer(res, 401, { error: "invalid_client", error_description: "unknown client" }, "InvalidClientException");
    }
    if (req.method === "POST" && req.url === "/device_authorization") {
      const device = { deviceCode: token(), userCode: "BDFH-JKLM", approved: false };
      state.devices.set(device.deviceCode, device);
      return answer(res, 200, {
        deviceCode: device.deviceCode,
        userCode: device.userCode,
        verificationUri: `http://127.0.0.1:${server.address().port}/device`,
        verificationUriComplete: `http://127.0.0.1:${server.address().port}/device?user_code=${device.userCode}`,
        expiresIn: 600,
        interval: 1,
      });
    }
    if (req.method === "POST" && req.url === "/token") {
      const device = state.devices.get(body.deviceCode);
      if (!device) return answer(res, 400, { error: "invalid_grant", error_description: "unknown device code" }, "InvalidGrantException");
      if (!device.approved) return answer(res, 400, { error: "authorization_pending", error_description: "waiting for the user" }, "AuthorizationPendingException");
      state.devices.delete(body.deviceCode);
      return answer(res, 200, { accessToken: token(), tokenType: "Bearer", expiresIn: 3600, refreshToken: token() });
    }
    answer(res, 404, { error: "invalid_request", error_description: "no such operation" });
  });
});

await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;
console.log(`local SSO OIDC stand-in listening on ${endpoint}`);

const client = new SSOOIDCClient({ region: "us-east-1", endpoint });
try {
  const registration = await client.send(new RegisterClientCommand({ clientName: "ssokit-demo", clientType: "public", scopes: ["sso:account:access"] }));
  console.log(`1. registered client ${registration.clientId.slice(0, 8)}… (secret kept, not shown)`);
  const auth = await client.send(
    new StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: "https://d-0000000000.awsapps.com/start" }),
  );
  console.log(`2. open ${auth.verificationUri} and enter the code ${auth.userCode}`);
  let interval = auth.interval ?? 5;
  let polls = 0;
  for (;;) {
    polls++;
    if (polls === 2) {
      for (const d of state.devices.values()) d.approved = true;
      console.log("3. the user approved the request");
    }
    try {
      const t = await client.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: "urn:ietf:params:oauth:grant-type:device_code",
          deviceCode: auth.deviceCode,
        }),
      );
      console.log(`4. got a ${t.tokenType} token valid for ${t.expiresIn} s after ${polls} polls (token kept, not shown)`);
      break;
    } catch (e) {
      if (isAuthorizationPendingException(e)) console.log(`   poll ${polls}: authorization pending, next poll in ${interval} s`);
      else if (isSlowDownException(e)) interval += 5;
      else throw e;
      await new Promise((r) => setTimeout(r, interval * 1000));
    }
  }
} finally {
  client.destroy();
  server.close();
}
