import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";

// Programs written for the AWS SDK v3 type-check, under `strict` and without skipLibCheck, against the
// declarations this package ships (resolved by package name, as an application resolves them).
const root = join(__dirname, "../../..");

/** Type-checks each program (in one compiler run: the declarations load once) and returns each one's errors. */
function typeErrors(...programs: string[]): string[][] {
  const dir = mkdtempSync(join(root, "node_modules", ".ssokit-types-"));
  try {
    const files = programs.map((program, i) => {
      const file = join(dir, `program${i}.ts`);
      writeFileSync(file, program);
      return file;
    });
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: ["node"],
      typeRoots: [join(root, "node_modules/@types")],
    };
    const checked = ts.createProgram(files, options);
    const diagnostics = ts.getPreEmitDiagnostics(checked);
    return files.map((file) => diagnostics.filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the shipped types", () => {
  it("accept v3 code that passes credentials, a @smithy/util-retry strategy and extensions, and calls config.credentials(); reject what v3's reject", () => {
    const [accepted, rejected] = typeErrors(
      `
import { SSOOIDCClient, SSOOIDC, CreateTokenCommand } from "@ssokit/client-sso-oidc";
import { StandardRetryStrategy, ConfiguredRetryStrategy } from "@smithy/util-retry";
import { StandardRetryStrategy as LegacyStrategy } from "@smithy/middleware-retry";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

const provider: AwsCredentialIdentityProvider = async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" });
const client = new SSOOIDCClient({
  region: "us-east-1",
  credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token" },
  retryStrategy: new StandardRetryStrategy(3),
  customUserAgent: [["my-app", "1.0"]],
  extensions: [{ configure: (c) => { c.setRegion("eu-west-1"); c.setRetryStrategy(new ConfiguredRetryStrategy(2)); void c.credentials(); } }],
});
new SSOOIDCClient({ credentials: provider, retryStrategy: new LegacyStrategy(async () => 2) });
async function main(): Promise<string> {
  const identity = await client.config.credentials();
  client.config.customUserAgent?.push(["plugin", "2"]);
  const oidc = new SSOOIDC({ region: "us-east-1" });
  const token = await oidc.createToken({ clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" });
  oidc.registerClient({ clientName: "n", clientType: "public" }, (err, data) => void (err ?? data?.clientId));
  const out = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token" }));
  return identity.accessKeyId + token.accessToken + out.$metadata.httpStatusCode;
}
void main;
`,
      `
import { SSOOIDCClient } from "@ssokit/client-sso-oidc";
new SSOOIDCClient({ credentials: { accessKeyId: "AKID" } });
new SSOOIDCClient({ regoin: "us-east-1" });
`,
    );
    expect(accepted).toEqual([]);
    expect(rejected).toHaveLength(2);
    expect(rejected.join("\n")).toMatch(/secretAccessKey/);
    expect(rejected.join("\n")).toMatch(/regoin/);
  });

  it("accept v2 code that builds a request, adds typed listeners, sends it, and uses the callback and promise forms", () => {
    const [accepted, rejected] = typeErrors(
      `
import { SSOOIDC, Request, type V2Error } from "@ssokit/client-sso-oidc/v2";

const ssooidc = new SSOOIDC({ region: "us-east-1", maxRetries: 2, httpOptions: { timeout: 5000 } });
const params = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const request: Request<{ accessToken?: string }> = ssooidc.createToken(params);
request
  .on("httpHeaders", (statusCode, headers, response, statusMessage) => void [statusCode + 1, headers["x-amzn-requestid"], response.retryCount, statusMessage.length])
  .on("retry", (response) => {
    if (response.error && response.error.code === "InvalidGrantException") response.error.retryable = false;
  })
  .on("success", (response) => void response.data?.accessToken)
  .on("error", (err: V2Error, response) => void [err.code, err.statusCode, err.time.getTime(), response.httpResponse.statusCode])
  .onAsync("validate", (req, done) => void [req.params, done()])
  .send();
request.abort();
ssooidc.registerClient({ clientName: "n", clientType: "public" }, function (err, data) {
  void [err ? err.code : data.clientId, this.requestId];
});
async function main(): Promise<string> {
  const token = await ssooidc.startDeviceAuthorization({ clientId: "c", clientSecret: "s", startUrl: "https://x/start" }).promise();
  return String(token.userCode) + token.$response.retryCount + request.httpRequest.headers["content-type"] + request.operation;
}
void main;
`,
      `
import { SSOOIDC } from "@ssokit/client-sso-oidc/v2";
const ssooidc = new SSOOIDC({ region: "us-east-1" });
ssooidc.createToken({ clientId: "c", clientSecret: "s", grantType: "refresh_token" }).on("httpHeaders", (statusCode: string) => statusCode);
`,
    );
    expect(accepted).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/statusCode/);
  });

  it("accept v2 code that uses what AWS.Service gives: makeRequest, setupRequestListeners, endpoint, config, credentials; reject a misspelt option", () => {
    const [accepted, rejected] = typeErrors(
      `
import { SSOOIDC, Endpoint, Credentials, type Request } from "@ssokit/client-sso-oidc/v2";

class Audited extends SSOOIDC {
  override setupRequestListeners(request: Request): void {
    request.on("complete", (response) => void response.error?.code);
  }
}
const credentials = new Credentials("AKID", "secret", "token");
async function main(): Promise<string> {
  await credentials.getPromise();
  const ssooidc = new Audited({ region: "us-east-1", credentials, params: { clientId: "c" }, correctClockSkew: true });
  ssooidc.endpoint = new Endpoint("http://127.0.0.1:4000");
  ssooidc.endpoint = "http://127.0.0.1:4001";
  ssooidc.customizeRequests(function (request) {
    void [this.config.region, request.operation];
  });
  const keyed = new SSOOIDC({ accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "t", credentialProvider: { resolve: (done) => done(null, credentials) } });
  keyed.config.credentials = new Credentials({ accessKeyId: "A", secretAccessKey: "S" });
  const viaProvider = new SSOOIDC({ credentials: async () => ({ accessKeyId: "A", secretAccessKey: "S" }) });
  const token = await ssooidc.createTokenWithIAM({ clientId: "arn", grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "jwt" }).promise();
  const byName = await ssooidc.makeRequest("createToken", { grantType: "refresh_token" }).promise();
  ssooidc.makeUnauthenticatedRequest("registerClient", { clientName: "n", clientType: "public" }, (err, data) => void [err, data]);
  void [keyed, viaProvider, byName, SSOOIDC.apiVersions[0]];
  return String(token.accessToken) + ssooidc.config.maxRetries + ssooidc.config.httpOptions.timeout + ssooidc.config.systemClockOffset;
}
void main;
`,
      `
import { SSOOIDC } from "@ssokit/client-sso-oidc/v2";
new SSOOIDC({ credentialProvider: { resolved: () => null } });
`,
    );
    expect(accepted).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/resolved/);
  });
});
