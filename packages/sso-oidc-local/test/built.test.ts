import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

// The built entries in plain Node, where jose (ES modules only) is loaded by the import() of the CommonJS and ES
// builds alike: each starts a service that trusts an issuer, and a JWT of that issuer is exchanged for tokens whose id
// token verifies with the service's keys.
const run = promisify(execFile);
const root = join(__dirname, "../../..");
const dist = join(__dirname, "../dist");

const program = (load: string) => `
${load}
const jose = await import("jose");
const { privateKey, publicKey } = await jose.generateKeyPair("ES256");
const app = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
const keys = { accessKeyId: "AKIDBUILT", secretAccessKey: "built/secret" };
const server = await startLocalServer({
  iamCredentials: [keys],
  users: [{ userName: "alice", email: "alice@example.com" }],
  trustedTokenIssuers: [{ issuerUrl: "https://idp.example", jwks: { keys: [await jose.exportJWK(publicKey)] } }],
  applications: [{ arn: app, grants: { jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: "https://idp.example", authorizedAudiences: ["app"] }] } } }],
});
const { SSOOIDCClient, CreateTokenWithIAMCommand } = await import("@ssokit/client-sso-oidc");
const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials: keys });
const assertion = await new jose.SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "ES256" }).setIssuer("https://idp.example").setAudience("app").setExpirationTime("5m").sign(privateKey);
const out = await client.send(new CreateTokenWithIAMCommand({ clientId: app, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }));
const { payload } = await jose.jwtVerify(out.idToken, jose.createLocalJWKSet(await server.idTokenJwks()), { audience: app });
console.log(JSON.stringify({ tokenType: out.tokenType, context: payload["sts:identity_context"] === out.awsAdditionalDetails.identityContext }));
client.destroy();
await server.close();
`;

async function node(load: string) {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", program(load)], { cwd: root });
  return JSON.parse(stdout);
}

describe("built @ssokit/sso-oidc-local", () => {
  it.each([
    ["the CommonJS entry (require)", `import { createRequire } from "node:module"; const { startLocalServer } = createRequire(import.meta.url)(${JSON.stringify(join(dist, "index.cjs"))});`],
    ["the Node ES entry, by package name", `import { startLocalServer } from "@ssokit/sso-oidc-local";`],
    ["the ES module build bundlers take", `import { startLocalServer } from ${JSON.stringify(join(dist, "esm/index.mjs"))};`],
  ])("exchanges a trusted token issuer's JWT through %s", async (_what, load) => {
    expect(await node(load)).toEqual({ tokenType: "Bearer", context: true });
  });
});
