import { IAM_KEYS, IAM_SESSION_TOKEN, REFUSED_ASSERTION } from "../support/iamService";
import { dataSeen, done, errorSeen, recordEvents, type ProgramEnv, type Sdk } from "./observe";

// Programs that call the signed `createTokenWithIAM` as v2 code does, with each of v2's ways to give AWS keys:
// `accessKeyId`/`secretAccessKey` options, an `AWS.Credentials` (loaded with `getPromise()`, refreshed when it
// expires), and a `credentialProvider` chain. They run against a service that checks every signature with an
// independent SigV4 (support/iamService) and report what it made of each request.

const APPLICATION = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
const EXCHANGE = { clientId: APPLICATION, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "header.claims.signature" };

const iamClient = (sdk: Sdk, env: ProgramEnv, options: object) => new sdk.SSOOIDC({ region: "us-east-1", endpoint: env.iam.url, ...options });

/** Runs `body` and returns what it observed, with the calls the service received meanwhile, as it judged them. */
async function withCalls<T>(env: ProgramEnv, body: () => Promise<T>) {
  const before = env.iam.calls.length;
  const observed = await body();
  return { observed, serviceSaw: env.iam.calls.slice(before).map(({ accessKeyId, sessionToken, verdict }) => ({ accessKeyId, sessionToken, verdict })) };
}

const exchange = (oidc: any, params: object = EXCHANGE) =>
  oidc
    .createTokenWithIAM(params)
    .promise()
    .then(
      (data: any) => ({ data: dataSeen(data), retryCount: data.$response.retryCount }),
      (e: any) => ({ error: errorSeen(e) }),
    );

/** `accessKeyId`, `secretAccessKey` and `sessionToken` options: the events of a signed call, what the service saw. */
export async function signedWithKeyOptions(sdk: Sdk, env: ProgramEnv) {
  const oidc = iamClient(sdk, env, { ...IAM_KEYS.primary, sessionToken: IAM_SESSION_TOKEN });
  try {
    return await withCalls(env, async () => {
      const request = oidc.createTokenWithIAM(EXCHANGE);
      const events = recordEvents(request);
      const outcome = await request.promise().then(dataSeen, errorSeen);
      const refused = await exchange(oidc, { ...EXCHANGE, assertion: REFUSED_ASSERTION });
      return { events, outcome, refused, credentials: { accessKeyId: oidc.config.credentials.accessKeyId, sessionToken: oidc.config.credentials.sessionToken } };
    });
  } finally {
    done(oidc);
  }
}

/**
 * `credentials` as an `AWS.Credentials`: loaded first with `getPromise()`, as v2 code does; then one whose keys the
 * service says expired, which v2 marks `expired` and refreshes before the retry; then one that is about to expire.
 */
export async function signedWithCredentialsObject(sdk: Sdk, env: ProgramEnv) {
  const refreshes: string[] = [];
  // Credentials that fetch the next pair of keys on each refresh, as a v2 subclass of AWS.Credentials does.
  class Rotating extends sdk.Credentials {
    private readonly keys: { accessKeyId: string; secretAccessKey: string }[];
    private next = 0;
    constructor(keys: { accessKeyId: string; secretAccessKey: string }[], expireTime: Date | null = null) {
      super(keys[0]);
      this.keys = keys;
      this.next = 1 % keys.length;
      this.expireTime = expireTime;
    }
    refresh(callback: (err?: unknown) => void) {
      const keys = this.keys[this.next];
      this.next = (this.next + 1) % this.keys.length;
      refreshes.push(`refresh (expired=${this.expired}) -> ${keys.accessKeyId}`);
      this.accessKeyId = keys.accessKeyId;
      this.secretAccessKey = keys.secretAccessKey;
      this.expireTime = null;
      callback();
    }
  }
  const loaded = new sdk.Credentials(IAM_KEYS.primary);
  await loaded.getPromise();
  const rotating = new Rotating([IAM_KEYS.primary, IAM_KEYS.rotated]);
  const expiring = new Rotating([IAM_KEYS.rotated], new Date(Date.now() + 5_000));
  const clients = [loaded, rotating, expiring].map((credentials) => iamClient(sdk, env, { credentials }));
  try {
    const loadedFirst = await withCalls(env, () => exchange(clients[0]));
    env.iam.expiredKeys.add(IAM_KEYS.primary.accessKeyId);
    const afterExpiry = await withCalls(env, async () => ({ ...(await exchange(clients[1])), expiredFlag: rotating.expired, refreshes: [...refreshes] }));
    env.iam.expiredKeys.clear();
    refreshes.length = 0;
    const nearExpiry = await withCalls(env, async () => ({ ...(await exchange(clients[2])), refreshes: [...refreshes] }));
    return { loadedFirst, afterExpiry, nearExpiry, sameObject: clients[1].config.credentials === rotating };
  } finally {
    env.iam.expiredKeys.clear();
    clients.forEach(done);
  }
}

/** A `credentialProvider` chain: the first provider with keys wins and becomes `config.credentials`; one with none fails. */
export async function signedWithProviderChain(sdk: Sdk, env: ProgramEnv) {
  // A provider that finds no keys, as AWS.EnvironmentCredentials does where the variables are not set.
  const empty = () => {
    const none = new sdk.Credentials();
    none.refresh = (callback: (err?: unknown) => void) => callback(Object.assign(new Error("no keys in this provider"), { code: "NoKeys" }));
    return none;
  };
  const oidc = iamClient(sdk, env, { credentials: null, credentialProvider: new sdk.CredentialProviderChain([empty, () => new sdk.Credentials(IAM_KEYS.rotated)]) });
  const failing = iamClient(sdk, env, { credentials: null, credentialProvider: new sdk.CredentialProviderChain([empty]) });
  try {
    const resolved = await withCalls(env, async () => ({ ...(await exchange(oidc)), credentials: oidc.config.credentials?.accessKeyId }));
    const unresolved = await withCalls(env, async () => {
      const request = failing.createTokenWithIAM(EXCHANGE);
      const events = recordEvents(request);
      return { events, error: await request.promise().then(() => "resolved", errorSeen) };
    });
    return { resolved, unresolved };
  } finally {
    done(oidc);
    done(failing);
  }
}

/**
 * A service whose clock is an hour ahead: with `correctClockSkew` the refused call corrects `systemClockOffset` and
 * is retried; with the offset set by hand it goes through at once; a wrong secret key is refused and not retried.
 */
export async function signedClockSkew(sdk: Sdk, env: ProgramEnv) {
  const hour = 3_600_000;
  env.iam.clockAhead = hour;
  const correcting = iamClient(sdk, env, { ...IAM_KEYS.primary, correctClockSkew: true });
  const offset = iamClient(sdk, env, { ...IAM_KEYS.primary, systemClockOffset: hour });
  const wrongKey = iamClient(sdk, env, { accessKeyId: IAM_KEYS.primary.accessKeyId, secretAccessKey: "not-the-secret-key" });
  try {
    const corrected = await withCalls(env, async () => ({ ...(await exchange(correcting)), offsetIsAnHour: Math.abs(correcting.config.systemClockOffset - hour) < 60_000 }));
    const presetOffset = await withCalls(env, () => exchange(offset));
    env.iam.clockAhead = 0;
    const refused = await withCalls(env, () => exchange(wrongKey));
    return { corrected, presetOffset, refused };
  } finally {
    env.iam.clockAhead = 0;
    [correcting, offset, wrongKey].forEach(done);
  }
}

/** The skewed clock without `correctClockSkew`, v2's default: nothing corrects it. */
export async function signedSkewUncorrected(sdk: Sdk, env: ProgramEnv) {
  env.iam.clockAhead = 3_600_000;
  const oidc = iamClient(sdk, env, { ...IAM_KEYS.primary, maxRetries: 2, retryDelayOptions: { base: 1 } });
  try {
    const uncorrected = await withCalls(env, async () => ({ ...(await exchange(oidc)), systemClockOffset: oidc.config.systemClockOffset }));
    // The service's message names the times involved, which differ from run to run.
    return { uncorrected: JSON.parse(JSON.stringify(uncorrected).replace(/\d{8}T\d{6}Z|\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")) };
  } finally {
    env.iam.clockAhead = 0;
    done(oidc);
  }
}

/** `makeUnauthenticatedRequest` of the signed operation: what came back, and which key the service saw. */
export async function signedOperationUnauthenticated(sdk: Sdk, env: ProgramEnv) {
  const oidc = iamClient(sdk, env, IAM_KEYS.primary);
  try {
    const { observed, serviceSaw } = await withCalls(env, () =>
      oidc
        .makeUnauthenticatedRequest("createTokenWithIAM", EXCHANGE)
        .promise()
        .then(
          () => "tokens",
          (e: any) => e.code,
        ),
    );
    return { unauthenticatedIam: { outcome: observed, signedWith: serviceSaw.map((c) => c.accessKeyId ?? "unsigned") } };
  } finally {
    done(oidc);
  }
}
