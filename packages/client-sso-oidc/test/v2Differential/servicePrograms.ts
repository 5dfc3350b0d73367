import { inspect } from "node:util";
import { calls, client, dataSeen, done, errorSeen, recordEvents, START_URL, type ProgramEnv, type Sdk } from "./observe";

// Programs that use what `AWS.SSOOIDC` inherits from `AWS.Service`: `makeRequest` and `makeUnauthenticatedRequest`,
// the `setupRequestListeners` hook, the `endpoint` property, `config` and bound `params`. Each takes the module
// under test (`{ SSOOIDC, Endpoint, Credentials, CredentialProviderChain }`) and returns what it observed.

const KEYS = { accessKeyId: "AKIDPROGRAM", secretAccessKey: "program/secret/key" };

/** Whether the request carries an `Authorization` header (v2 names headers capitalized, this SDK in lower case). */
const signedRequest = (request: any) => Object.keys(request.httpRequest.headers).some((h) => h.toLowerCase() === "authorization");

/** Sends `request` with the pattern (`on("success")`, `on("error")`, `send()`) and says what it saw. */
const outcome = (request: any) =>
  new Promise<object>((resolve) => {
    let signed: boolean | undefined;
    request.on("sign", () => (signed = signedRequest(request)));
    request
      .on("success", (response: any) => resolve({ signed, success: dataSeen(response.data) }))
      .on("error", (error: any) => resolve({ signed, error: errorSeen(error) }))
      .send();
  });

/**
 * `makeRequest(operation, params)` by name, as generic v2 code calls an operation: the reference's `.on(...).send()`
 * and callback forms, signed with the client's keys (v2's `makeRequest` signs any operation); `makeUnauthenticatedRequest`
 * unsigned; without credentials (a chain that finds none); and an operation SSO OIDC does not have.
 */
export async function makeRequestByName(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env, KEYS);
  const keyless = client(sdk, env, { credentialProvider: new sdk.CredentialProviderChain([]) });
  try {
    const before = calls(env);
    const register = oidc.makeRequest("registerClient", { clientName: "by-name", clientType: "public" });
    const events = recordEvents(register);
    const registered = await outcome(register);
    const { clientId, clientSecret } = register.response.data;
    const viaCallback = await new Promise<object>((resolve) => {
      oidc.makeRequest("startDeviceAuthorization", { clientId, clientSecret, startUrl: START_URL }, function (this: any, err: any, data: any) {
        resolve({ err, data: dataSeen(data), this: this === this?.request?.response ? "response" : typeof this });
      });
    });
    const unauthenticated = oidc.makeUnauthenticatedRequest("createToken", { clientId, clientSecret, grantType: "refresh_token", refreshToken: "nope" });
    const refused = await outcome(unauthenticated);
    const noCredentialsRequest = keyless.makeRequest("registerClient", { clientName: "no-keys", clientType: "public" });
    const noCredentialsEvents = recordEvents(noCredentialsRequest);
    const noCredentials = await outcome(noCredentialsRequest);
    const unknownRequest = oidc.makeRequest("deleteToken", { token: "x" });
    const unknownEvents = recordEvents(unknownRequest);
    const unknown = await outcome(unknownRequest);
    const after = calls(env);
    return {
      registered,
      events,
      operation: register.operation,
      viaCallback,
      refused,
      noCredentials: { ...noCredentials, events: noCredentialsEvents },
      unknownOperation: { ...unknown, params: unknownRequest.params, events: unknownEvents },
      serviceCalls: Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before as Record<string, number>)[k]])),
    };
  } finally {
    done(oidc);
    done(keyless);
  }
}

/**
 * Bound `params`, as the bug report has them: `{ clientId, clientSecret }` bound, then `registerClient`, which
 * takes neither (v2 binds only the operation's members), and `createToken`, which takes both (the call's own win
 * unless null or undefined).
 */
export async function boundParams(sdk: Sdk, env: ProgramEnv) {
  const setup = client(sdk, env);
  try {
    const { clientId, clientSecret } = await setup.registerClient({ clientName: "bound", clientType: "public" }).promise();
    const oidc = client(sdk, env, { params: { clientId, clientSecret, startUrl: START_URL } });
    try {
      const register = oidc.registerClient({ clientName: "bound-register", clientType: "public" });
      const registered = await register.promise().then(dataSeen, errorSeen);
      const start = oidc.startDeviceAuthorization({ clientId: null });
      const started = await start.promise().then(dataSeen, errorSeen);
      const ownWins = oidc.createToken({ clientId: "own-client-id", grantType: "refresh_token", refreshToken: "nope" });
      const refused = await ownWins.promise().then(dataSeen, errorSeen);
      const byName = oidc.makeUnauthenticatedRequest("startDeviceAuthorization");
      return {
        registerParams: register.params,
        registered,
        startParams: Object.keys(start.params).sort(),
        startUsedBound: start.params.clientId === clientId,
        started,
        ownWins: { clientId: ownWins.params.clientId, secretBound: ownWins.params.clientSecret === clientSecret, refused },
        byName: Object.keys(byName.params).sort(),
      };
    } finally {
      done(oidc);
    }
  } finally {
    done(setup);
  }
}

/**
 * `setupRequestListeners`, the hook v2 calls for every request before returning it: overridden on the instance
 * and on the class's prototype (where v2 code puts it), in an ES class that extends SSOOIDC, and `customizeRequests`.
 */
export async function requestListenersHook(sdk: Sdk, env: ProgramEnv) {
  const seen: string[] = [];
  const subclassSeen: string[] = [];
  const hook = (who: string, trail = seen) =>
    function (this: any, request: any) {
      trail.push(`${who}(${request.operation}) this=${this instanceof sdk.SSOOIDC ? "client" : typeof this}`);
      request.on("build", () => (request.httpRequest.headers["x-hooked-by"] = who));
      request.on("complete", (response: any) => trail.push(`${who} saw complete ${response.error ? response.error.code : "ok"}`));
    };
  const registration = { clientName: "hooked", clientType: "public" };
  const oidc = client(sdk, env);
  // Made first, as v2 code makes its clients: a class extending SSOOIDC is defined after the service's own.
  class Hooked extends sdk.SSOOIDC {
    setupRequestListeners(request: any) {
      hook("subclass", subclassSeen).call(this, request);
    }
  }
  let subclassed: any;
  // The class's own hook, if it has one (v2's is on AWS.Service's prototype), put back once the program is done.
  const own = Object.getOwnPropertyDescriptor(sdk.SSOOIDC.prototype, "setupRequestListeners");
  const restore = () => (own ? Object.defineProperty(sdk.SSOOIDC.prototype, "setupRequestListeners", own) : delete sdk.SSOOIDC.prototype.setupRequestListeners);
  try {
    oidc.setupRequestListeners = hook("instance");
    const request = oidc.registerClient(registration);
    const hookedBeforeSend = [...seen];
    await request.promise();
    oidc.customizeRequests(hook("customizeRequests"));
    await oidc.registerClient(registration).promise();
    sdk.SSOOIDC.prototype.setupRequestListeners = hook("prototype");
    const other = client(sdk, env);
    await other.registerClient(registration).promise();
    done(other);
    restore();
    subclassed = new (Hooked as any)({ region: "us-east-1", endpoint: env.service.url });
    const fromSubclass = await subclassed.registerClient(registration).promise().then(() => "ok", (e: any) => e.code);
    return { hookedBeforeSend, seen, subclass: { seen: subclassSeen, fromSubclass } };
  } finally {
    restore();
    done(oidc);
    done(subclassed);
  }
}

/** The parts of an endpoint v2 code reads. */
const endpointSeen = (e: any) => e && { href: e.href, protocol: e.protocol, hostname: e.hostname, host: e.host, port: e.port, path: e.path, keys: Object.keys(e) };

/**
 * The `endpoint` property: what it says for a region, FIPS, dual-stack, `sslEnabled: false`, a bare host and a URL
 * with a path; `new Endpoint(url)`; and assigning one between two calls, which sends the later requests elsewhere
 * (a request made before the assignment keeps its endpoint, as in v2).
 */
export async function endpointProperty(sdk: Sdk, env: ProgramEnv) {
  const described = Object.fromEntries(
    Object.entries({
      region: { region: "eu-west-1" },
      fips: { region: "us-east-2", useFipsEndpoint: true },
      dualstack: { region: "us-east-2", useDualstackEndpoint: true },
      plainHttp: { region: "ap-southeast-2", sslEnabled: false },
      bareHost: { region: "us-east-1", endpoint: "localhost:8443" },
      bareHostHttp: { region: "us-east-1", endpoint: "localhost:8080", sslEnabled: false },
      withPath: { region: "us-east-1", endpoint: "http://127.0.0.1:4000/oidc/" },
      china: { region: "cn-north-1" },
    }).map(([name, options]) => {
      const oidc = new sdk.SSOOIDC(options);
      const seen = { endpoint: endpointSeen(oidc.endpoint), configEndpoint: oidc.config.endpoint };
      done(oidc);
      return [name, seen];
    }),
  );
  const made = new sdk.Endpoint("http://127.0.0.1:4000/base?x=1");
  const oidc = client(sdk, env);
  try {
    const before = { local: calls(env).RegisterClient, iam: env.iam.calls.length };
    const registration = { clientName: "redirected", clientType: "public" };
    const first = await oidc.registerClient(registration).promise().then(() => "ok", (e: any) => e.code);
    const madeBefore = oidc.registerClient(registration);
    oidc.endpoint = new sdk.Endpoint(env.iam.url);
    const afterAssignment = await oidc.registerClient(registration).promise().then(() => "ok", (e: any) => e.code);
    const sentLater = await madeBefore.promise().then(() => "ok", (e: any) => e.code);
    oidc.endpoint = env.service.url;
    const assignedString = typeof oidc.endpoint;
    const backAgain = await oidc.registerClient(registration).promise().then(() => "ok", (e: any) => e.code);
    return {
      described,
      // A copy's fields (its keys would also list the `constructor` v2's class system makes enumerable).
      made: { ...endpointSeen(made), isEndpoint: made instanceof sdk.Endpoint, copy: { ...endpointSeen(new sdk.Endpoint(made)), keys: undefined }, copyIsEndpoint: new sdk.Endpoint(made) instanceof sdk.Endpoint },
      redirect: {
        first,
        afterAssignment,
        sentLater,
        assignedString,
        backAgain,
        toLocal: calls(env).RegisterClient - before.local,
        toOther: env.iam.calls.slice(before.iam).map((c) => `${c.path} ${c.verdict}`),
      },
    };
  } finally {
    done(oidc);
  }
}

/** `config`, as v2 code reads it; `config.getCredentials`; the class's `apiVersions`; `waitFor`; what printing the config shows. */
export async function configAsRead(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env, {
    ...KEYS,
    sessionToken: "program-session-token",
    maxRetries: 2,
    httpOptions: { connectTimeout: 500 },
    retryDelayOptions: { base: 50 },
    paramValidation: { min: true, max: true },
    correctClockSkew: true,
    params: { clientSecret: "bound-client-secret" },
    apiVersion: "2019-06-10",
  });
  const defaults = new sdk.SSOOIDC({ region: "us-east-1" });
  try {
    const c = oidc.config;
    const read = {
      region: c.region,
      maxRetries: c.maxRetries,
      maxRedirects: c.maxRedirects,
      httpOptions: c.httpOptions,
      retryDelayOptions: c.retryDelayOptions,
      paramValidation: c.paramValidation,
      sslEnabled: c.sslEnabled,
      correctClockSkew: c.correctClockSkew,
      systemClockOffset: c.systemClockOffset,
      apiVersion: c.apiVersion,
      apiVersions: c.apiVersions,
      endpoint: c.endpoint,
      signatureVersion: c.signatureVersion,
      params: c.params,
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      credentials: { accessKeyId: c.credentials.accessKeyId, secretAccessKey: c.credentials.secretAccessKey, sessionToken: c.credentials.sessionToken, expired: c.credentials.expired },
    };
    const loaded = await new Promise((resolve) => c.getCredentials((err: unknown, credentials: any) => resolve({ err, accessKeyId: credentials?.accessKeyId })));
    const defaultConfig = Object.fromEntries(Object.entries(defaults.config).map(([k, v]) => [k, v && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype ? `a ${v.constructor.name}` : v]));
    let waitFor: unknown;
    try {
      oidc.waitFor("tokenIssued", {});
    } catch (e) {
      waitFor = errorSeen(e);
    }
    const printed = inspect(oidc.config, { depth: 5 }) + JSON.stringify(oidc.config);
    return {
      read,
      loaded,
      defaultConfig,
      apiVersions: sdk.SSOOIDC.apiVersions,
      waitFor,
      printsSecrets: ["program/secret/key", "program-session-token", "bound-client-secret"].filter((s) => printed.includes(s)),
    };
  } finally {
    done(oidc);
    done(defaults);
  }
}
