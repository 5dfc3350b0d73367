import * as official from "@aws-sdk/client-sso-oidc";
import * as ours from "@ssokit/client-sso-oidc";
import { startLocalServer, type JwkSet, type LocalServer } from "@ssokit/sso-oidc-local";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { INTENDED_DIFFERENCES, normalize } from "./differential/intendedDifferences";
import * as programs from "./differential/programs";
import type { ProgramEnv, SeenRequest } from "./differential/programs";
import { readmeTable } from "./support/intendedDifferences";

// The differential test: each usage program in ./differential/programs runs twice against the local service,
// once with @aws-sdk/client-sso-oidc and once with ours (only the module changes), and what each observed (outputs,
// error classes and fields, $metadata, the requests the service saw, the order the middleware ran) must be the
// same, but for the differences listed, with their reasons, in ./differential/intendedDifferences.

// The service's clock starts at this machine's (CreateTokenWithIAM is signed with it) and moves only when programs wait.
let now = Date.now();
let service: LocalServer;
let proxy: http.Server;
let loopback: http.Server;
const seen: SeenRequest[] = [];
let env: ProgramEnv;

/** The trusted identity propagation setup the CreateTokenWithIAM programs use. */
const KEYS = { accessKeyId: "AKIDDIFFERENTIAL", secretAccessKey: "differential/secret+key", sessionToken: "differential-session-token" };
const APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
const OTHER_APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-3333333333333333";
const ISSUER = "https://idp.example.com";

beforeAll(async () => {
  const jose = await import("jose");
  const { privateKey, publicKey } = await jose.generateKeyPair("ES256");
  const jwks = { keys: [{ ...(await jose.exportJWK(publicKey)), kid: "k1" }] } as JwkSet;
  const mintAssertion = async (email = "alice@example.com") =>
    new jose.SignJWT({ email }).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(ISSUER).setAudience("web-app").setIssuedAt(Math.floor(now / 1000)).setExpirationTime(Math.floor(now / 1000) + 300).sign(privateKey);
  // A recording proxy in front of the service: what each SDK sent, header by header.
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, path: req.url!, headers: { ...req.headers }, body: body.toString("utf8") });
      const target = new URL(req.url!, service.url);
      // Headers as sent, host included: CreateTokenWithIAM's signature covers it.
      const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      forward.on("error", () => res.destroy());
      forward.end(body);
    });
  });
  // The client's side of the authorization code grant's redirect.
  loopback = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("signed in"));
  await Promise.all([proxy, loopback].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  const redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/oauth/callback`;
  service = await startLocalServer({
    clock: { now: () => now },
    iamCredentials: [KEYS],
    users: [{ userName: "alice", email: "alice@example.com" }],
    trustedTokenIssuers: [{ issuerUrl: ISSUER, jwks }],
    applications: [
      {
        arn: APP,
        grants: {
          authorizationCode: { redirectUris: [redirectUri] },
          refreshToken: {},
          jwtBearer: { authorizedTokenIssuers: [{ issuerUrl: ISSUER, authorizedAudiences: ["web-app"] }] },
          tokenExchange: {},
        },
      },
      { arn: OTHER_APP, grants: { tokenExchange: {} } },
    ],
  });
  env = {
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    service,
    seen,
    sleep: async (ms) => void (now += ms),
    redirectUri,
    iam: { credentials: KEYS, applicationArn: APP, otherApplicationArn: OTHER_APP, mintAssertion },
  };
});

afterAll(async () => {
  for (const s of [proxy, loopback]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await service.close();
});

/** Runs a program with both SDKs, official first, and returns both observations. */
async function both(program: (sdk: programs.Sdk, env: ProgramEnv) => Promise<unknown>) {
  seen.splice(0);
  const withOfficial = await program(official, env);
  seen.splice(0);
  const withOurs = await program(ours, env);
  return { withOfficial, withOurs };
}

describe("usage programs, with @aws-sdk/client-sso-oidc and with ours", () => {
  it.each(Object.keys(programs).filter((name) => typeof (programs as any)[name] === "function" && !["errorSeen"].includes(name)))("%s observes the same", async (name) => {
    const { withOfficial, withOurs } = await both((programs as any)[name]);
    expect(normalize(withOurs, "ours")).toEqual(normalize(withOfficial, "official"));
  });
});

describe("the intended differences", () => {
  it("are the rows of the README's table, word for word, each with its reason", () => {
    const table = readmeTable("### Where it differs from v3 on purpose", "| what | here | v3 | why |");
    expect(table).toEqual(INTENDED_DIFFERENCES.map((d) => [d.what, d.ours, d.v3, d.why]));
    for (const d of INTENDED_DIFFERENCES) expect(d.why.length).toBeGreaterThan(40);
  });
});
