import { createHash, randomBytes } from "node:crypto";
import type { LocalServer } from "@ssokit/sso-oidc-local";

// Usage programs written the way public code calls @aws-sdk/client-sso-oidc: an IDE toolkit's refreshing token
// provider, a device-flow poller, a PKCE sign-in on the aggregated client, a middleware that logs every step, a
// plugin that edits customUserAgent; and, signed with AWS credentials, a web application's backend exchanging its
// users' tokens with CreateTokenWithIAM (trusted identity propagation). Each takes the SDK module (the official one
// or ours, nothing else changes) and returns what it observed, with values that differ between runs (tokens, ids)
// reduced to their types.

/** The module under test: `@aws-sdk/client-sso-oidc` or `@ssokit/client-sso-oidc`. Both are used untyped, as JS. */
export type Sdk = any;

/** What the service was sent, as a recording proxy in front of it saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ProgramEnv {
  /** The endpoint the programs are given (the recording proxy). */
  endpoint: string;
  service: LocalServer;
  /** Requests the service was sent, in order; programs read and clear it. */
  seen: SeenRequest[];
  /** Waits, on the service's clock (moved, not waited for). */
  sleep(ms: number): Promise<void>;
  /** A loopback redirect URI the authorization code grant can redirect to. */
  redirectUri: string;
  /** What CreateTokenWithIAM needs: an application the service knows, credentials that may call for it, a JWT issuer. */
  iam: {
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    /** An application with every grant (its authorization code grant redirects to `redirectUri`). */
    applicationArn: string;
    /** Another application, with the token exchange grant. */
    otherApplicationArn: string;
    /** A JWT of the application's trusted token issuer, for the user with this email. */
    mintAssertion(email?: string): Promise<string>;
  };
}

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const START_URL = "https://d-1234567890.awsapps.com/start";

/** A value as a program reports it: its type where it differs from run to run. */
const shape = (output: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(output).map(([k, v]) => [k, k === "$metadata" ? metadata(v as object) : typeof v]));

/** `$metadata` with its run-specific ids replaced by their types. */
const metadata = (m: any) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k === "requestId" || k === "extendedRequestId" || k === "cfId" ? typeof v : v]));

/** What code learns from a caught error, by the means it uses: class, name, fields, keys. */
export const errorSeen = (sdk: Sdk, e: any) => ({
  constructor: e?.constructor?.name,
  name: e?.name,
  isServiceException: e instanceof sdk.SSOOIDCServiceException,
  isError: e instanceof Error,
  $fault: e?.$fault,
  error: e?.error,
  error_description: e?.error_description,
  message: e?.message,
  keys: Object.keys(e ?? {}),
  $metadata: e?.$metadata && metadata(e.$metadata),
  json: JSON.parse(JSON.stringify(e, (k, v) => (k === "requestId" ? typeof v : v))),
});

/** The request the service saw last, with secrets and ids reduced to their types. */
function lastSeen(env: ProgramEnv) {
  const request = env.seen.at(-1)!;
  const body = JSON.parse(request.body);
  return {
    method: request.method,
    path: request.path,
    headerNames: Object.keys(request.headers).sort(),
    contentType: request.headers["content-type"],
    contentLength: request.headers["content-length"] === String(Buffer.byteLength(request.body)),
    sdkRequest: request.headers["amz-sdk-request"],
    invocationId: /^[0-9a-f-]{36}$/.test(String(request.headers["amz-sdk-invocation-id"])),
    body: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v : typeof v === "string" && /secret|token|code|verifier|assertion|id$/i.test(k) ? typeof v : v])),
  };
}

/** How the last request was signed: the scheme, the signed header names, the scope with its day as a pattern. */
function signing(env: ProgramEnv) {
  const m = /^(\S+) Credential=([^/]+)\/(\d{8})\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(env.seen.at(-1)!.headers.authorization));
  return m && { scheme: m[1], accessKeyId: m[2], scope: m[4], signedHeaders: m[5], dayIsToday: m[3] === new Date().toISOString().slice(0, 10).replace(/-/g, "") };
}

/** Registers, starts a device authorization, approves it on the service's side and redeems it. */
async function deviceToken(oidc: any, env: ProgramEnv) {
  const registration = await oidc.registerClient({ clientName: "toolkit", clientType: "public", scopes: ["sso:account:access"] });
  const auth = await oidc.startDeviceAuthorization({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: START_URL });
  env.service.approve(auth.userCode);
  const token = await oidc.createToken({ clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode });
  return { registration, token };
}

/**
 * An IDE toolkit's token provider: the aggregated client, a cached token that carries more than CreateToken takes
 * (accessToken, expiresAt, region, startUrl...), refreshed by spreading registration and token into the input.
 */
export async function refreshingTokenProvider(sdk: Sdk, env: ProgramEnv) {
  const oidc = new sdk.SSOOIDC({ region: "us-east-1", endpoint: env.endpoint });
  try {
    const { registration, token } = await deviceToken(oidc, env);
    const cachedToken = {
      accessToken: token.accessToken,
      refreshToken: token.refreshToken,
      expiresAt: new Date(Date.now() + token.expiresIn * 1000).toISOString(),
      region: "us-east-1",
      startUrl: START_URL,
    };
    const refreshed = await oidc.createToken({ ...registration, ...cachedToken, grantType: "refresh_token" });
    return { registration: shape(registration), refreshed: shape(refreshed), rotated: refreshed.refreshToken !== token.refreshToken, serviceSaw: lastSeen(env) };
  } finally {
    oidc.destroy();
  }
}

/** The aggregated client's RegisterClient with a member the model does not have: sent without it. */
export async function registerWithExtraMember(sdk: Sdk, env: ProgramEnv) {
  const oidc = new sdk.SSOOIDC({ region: "us-east-1", endpoint: env.endpoint });
  try {
    const output = await oidc.registerClient({ clientName: "cli", clientType: "public", extra: 1 });
    return { output: shape(output), serviceSaw: lastSeen(env) };
  } finally {
    oidc.destroy();
  }
}

/**
 * A device-flow poller as login CLIs write it: commands on the bare client, `instanceof` to tell pending from
 * slow-down, a `switch (e.constructor)` for the rest, the interval from the service, and one poll too early.
 */
export async function deviceFlowPoller(sdk: Sdk, env: ProgramEnv) {
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: env.endpoint });
  const { RegisterClientCommand, StartDeviceAuthorizationCommand, CreateTokenCommand } = sdk;
  const trail: unknown[] = [];
  try {
    const { clientId, clientSecret } = await client.send(new RegisterClientCommand({ clientName: "login-cli", clientType: "public" }));
    const auth = await client.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }));
    let interval = auth.interval ?? 5;
    let polls = 0;
    for (;;) {
      try {
        const token = await client.send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode }));
        trail.push({ token: shape(token) });
        break;
      } catch (e: any) {
        if (e instanceof sdk.AuthorizationPendingException) trail.push("pending");
        else if (e instanceof sdk.SlowDownException) {
          trail.push("slow down");
          interval += 5;
        } else {
          switch (e.constructor) {
            case sdk.ExpiredTokenException:
            case sdk.AccessDeniedException:
              trail.push(`stopped: ${e.name}`);
              return trail;
            default:
              throw e;
          }
        }
        trail.push(errorSeen(sdk, e));
      }
      polls++;
      // The second poll comes too early (slow down); the user approves after the third.
      if (polls !== 1) await env.sleep(interval * 1000);
      if (polls === 3) env.service.approve(auth.userCode);
    }
    // The same code again: used up.
    const reused = await client.send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode })).catch((e: unknown) => e);
    trail.push(errorSeen(sdk, reused));
    // A denied one: the switch's other branch.
    const denied = await client.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }));
    env.service.deny(denied.userCode);
    const deniedError = await client.send(new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode: denied.deviceCode })).catch((e: any) => e);
    trail.push({ deniedIs: deniedError.constructor === sdk.AccessDeniedException, ...errorSeen(sdk, deniedError) });
    return trail;
  } finally {
    client.destroy();
  }
}

/** A PKCE sign-in with the aggregated client, in its callback forms: `(input, cb)` and `(input, options, cb)`. */
export async function aggregatedPkce(sdk: Sdk, env: ProgramEnv) {
  const oidc = new sdk.SSOOIDC({ region: "us-east-1", endpoint: env.endpoint });
  const callback = <T>(call: (cb: (err: any, data?: T) => void) => unknown) =>
    new Promise<{ returned: string; result: T }>((resolve, reject) => {
      let returned: unknown;
      returned = call((err, data) => (err ? reject(err) : setImmediate(() => resolve({ returned: returned instanceof Promise ? "promise" : typeof returned, result: data! }))));
    });
  try {
    const registered = await callback<any>((cb) =>
      oidc.registerClient(
        { clientName: "ide", clientType: "public", scopes: ["sso:account:access"], grantTypes: ["authorization_code", "refresh_token"], redirectUris: [env.redirectUri], issuerUrl: START_URL },
        cb,
      ),
    );
    const { clientId, clientSecret } = registered.result;
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const state = randomBytes(8).toString("hex");
    const authorize = new URL(env.service.authorizeUri);
    authorize.search = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: env.redirectUri,
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
      scopes: "sso:account:access",
    }).toString();
    const landed = await env.service.completeAuthorization(authorize.href, "approve");
    const back = new URL(landed.redirectedTo!).searchParams;
    const exchanged = await callback<any>((cb) =>
      oidc.createToken({ clientId, clientSecret, grantType: "authorization_code", code: back.get("code"), redirectUri: env.redirectUri, codeVerifier: verifier }, {}, cb),
    );
    const serviceSaw = lastSeen(env);
    // Options that are not an object before a callback: v3 rejects the returned promise.
    const badOptions = await (oidc.createToken({ clientId, clientSecret, grantType: "refresh_token" }, "fast", () => {}) as Promise<unknown>).then(
      () => "resolved",
      (e: Error) => `${e.constructor.name}: ${e.message}`,
    );
    return { registered: { returned: registered.returned, output: shape(registered.result) }, stateBack: back.get("state") === state, exchanged: { returned: exchanged.returned, output: shape(exchanged.result) }, serviceSaw, badOptions };
  } finally {
    oidc.destroy();
  }
}

/** A middleware added at every step that logs what it sees going in and coming out, on a success and a failure. */
export async function stepLogger(sdk: Sdk, env: ProgramEnv) {
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: env.endpoint, maxAttempts: 1 });
  const log: string[] = [];
  for (const step of ["initialize", "serialize", "build", "finalizeRequest", "deserialize"]) {
    client.middlewareStack.add(
      (next: any, context: any) => async (args: any) => {
        log.push(`${step} in: input=${"input" in args} request=${"request" in args} endpoint=${!!context.endpointV2} ${context.clientName}.${context.commandName}`);
        try {
          const result = await next(args);
          log.push(`${step} out: output=${result.output !== undefined} status=${result.response?.statusCode}`);
          return result;
        } catch (e: any) {
          log.push(`${step} threw ${e.name}`);
          throw e;
        }
      },
      { step, name: `log-${step}` },
    );
  }
  try {
    await client.send(new sdk.RegisterClientCommand({ clientName: "logged", clientType: "public" }));
    log.push("--");
    await client.send(new sdk.CreateTokenCommand({ clientId: "nobody", clientSecret: "nothing", grantType: "refresh_token", refreshToken: "none" })).catch(() => {});
    return log;
  } finally {
    client.destroy();
  }
}

/** The chain code prints before it runs: the client's stack and the command's, after one send. */
export async function printedChain(sdk: Sdk, env: ProgramEnv) {
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: env.endpoint });
  client.middlewareStack.add((next: any) => next, { step: "build", name: "mine" });
  const command = new sdk.RegisterClientCommand({ clientName: "printer", clientType: "public" });
  const before = command.middlewareStack.identify();
  await client.send(command);
  const chain = client.middlewareStack.concat(command.middlewareStack).identify();
  client.destroy();
  return { before, client: client.middlewareStack.identify(), chain };
}

/** A plugin that adds its name to the user agent: pushed onto `client.config.customUserAgent` after construction. */
export async function userAgentPlugin(sdk: Sdk, env: ProgramEnv) {
  const plugin = { applyToStack: () => {} };
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: env.endpoint, customUserAgent: [["my-app", "1.0"]] });
  client.middlewareStack.use(plugin);
  client.config.customUserAgent.push(["my-plugin", "2.1"]);
  const register = () => client.send(new sdk.RegisterClientCommand({ clientName: "ua", clientType: "public" }));
  try {
    await register();
    const agents = ({ headers }: SeenRequest) => ({ "x-amz-user-agent": headers["x-amz-user-agent"], "user-agent": headers["user-agent"] });
    const first = agents(env.seen.at(-1)!);
    client.config.customUserAgent = [["replaced"]];
    await register();
    return { config: client.config.customUserAgent, first, second: agents(env.seen.at(-1)!) };
  } finally {
    client.destroy();
  }
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** The claims of a JWT, read as applications read an id token: the middle part, base64url JSON. */
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));

/**
 * A web application's backend with trusted identity propagation, as public code writes it: the user's JWT from the
 * company's identity provider exchanged with CreateTokenWithIAM, the identity context taken from the id token for
 * sts:AssumeRole's ProvidedContexts, later a refresh with the aggregated client, and the token handed to another
 * application, which exchanges it for its own.
 */
export async function trustedIdentityPropagation(sdk: Sdk, env: ProgramEnv) {
  const client = new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: env.endpoint, credentials: env.iam.credentials });
  const oidc = new sdk.SSOOIDC({ region: "us-east-1", endpoint: env.endpoint, credentials: env.iam.credentials });
  try {
    const tokens = await client.send(new sdk.CreateTokenWithIAMCommand({ clientId: env.iam.applicationArn, grantType: JWT_BEARER, assertion: await env.iam.mintAssertion() }));
    const serviceSaw = { ...lastSeen(env), signing: signing(env) };
    const claims = claimsOf(tokens.idToken);
    const providedContexts = [{ ProviderArn: "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion: claims["sts:identity_context"] }];
    const refreshed = await oidc.createTokenWithIAM({ clientId: env.iam.applicationArn, grantType: "refresh_token", refreshToken: tokens.refreshToken, scope: ["openid", "aws"] });
    const exchanged = await oidc.createTokenWithIAM({
      clientId: env.iam.otherApplicationArn,
      grantType: "urn:ietf:params:oauth:grant-type:token-exchange",
      subjectToken: tokens.accessToken,
      subjectTokenType: "urn:ietf:params:oauth:token-type:access_token",
      requestedTokenType: "urn:ietf:params:oauth:token-type:access_token",
    });
    return {
      tokens: { ...shape(tokens), scope: tokens.scope, issuedTokenType: tokens.issuedTokenType },
      claims: Object.keys(claims).sort(),
      contextIsTheIdTokens: providedContexts[0].ContextAssertion === tokens.awsAdditionalDetails.identityContext,
      serviceSaw,
      refreshed: { ...shape(refreshed), scope: refreshed.scope },
      exchanged: { ...shape(exchanged), sameUser: claimsOf(exchanged.idToken).sub === claims.sub, audience: claimsOf(exchanged.idToken).aud === env.iam.otherApplicationArn },
    };
  } finally {
    client.destroy();
    oidc.destroy();
  }
}

/**
 * The ways a CreateTokenWithIAM call fails, as a backend handles them: `instanceof` for the grant's exceptions, the
 * name for what AWS's request authentication answers (a wrong secret key, an unknown access key), the endpoint and
 * region of InvalidRequestRegionException to call again there, and a PKCE code with the wrong verifier.
 */
export async function createTokenWithIAMFailures(sdk: Sdk, env: ProgramEnv) {
  const make = (config: object = {}) => new sdk.SSOOIDCClient({ region: "us-east-1", endpoint: env.endpoint, credentials: env.iam.credentials, ...config });
  const clients = [make(), make({ credentials: { ...env.iam.credentials, secretAccessKey: "not-the-secret" } }), make({ credentials: { ...env.iam.credentials, accessKeyId: "AKIDNOBODY" } }), make({ region: "eu-west-1" })];
  const [client, wrongSecret, unknownKey, otherRegion] = clients;
  const attempt = async (via: any, input: object) => {
    try {
      await via.send(new sdk.CreateTokenWithIAMCommand({ clientId: env.iam.applicationArn, ...input }));
      return "passed";
    } catch (e: any) {
      const kind = e instanceof sdk.InvalidGrantException ? "invalid grant" : e instanceof sdk.InvalidRequestRegionException ? `call ${e.region} at ${e.endpoint === env.service.url}` : e.name === "InvalidSignatureException" || e.name === "UnrecognizedClientException" ? "check the credentials" : "other";
      return { kind, ...errorSeen(sdk, e) };
    }
  };
  try {
    const bearer = async () => ({ grantType: JWT_BEARER, assertion: await env.iam.mintAssertion() });
    const verifier = randomBytes(32).toString("base64url");
    const authorize = new URL(env.service.authorizeUri);
    authorize.search = new URLSearchParams({ response_type: "code", client_id: env.iam.applicationArn, redirect_uri: env.redirectUri, state: "s", code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256" }).toString();
    const landed = await env.service.completeAuthorization(authorize.href, "approve");
    return {
      unknownUser: await attempt(client, { grantType: JWT_BEARER, assertion: await env.iam.mintAssertion("nobody@example.com") }),
      wrongSecret: await attempt(wrongSecret, await bearer()),
      unknownKey: await attempt(unknownKey, await bearer()),
      otherRegion: await attempt(otherRegion, await bearer()),
      wrongVerifier: await attempt(client, { grantType: "authorization_code", code: new URL(landed.redirectedTo!).searchParams.get("code"), redirectUri: env.redirectUri, codeVerifier: "x".repeat(43) }),
      unsupported: await attempt(client, { grantType: "password" }),
    };
  } finally {
    for (const c of clients) c.destroy();
  }
}
