import { calls, client, dataSeen, DEVICE_GRANT, done, errorSeen, kind, recordEvents, sendWithCallback, START_URL, wait, type ProgramEnv, type Sdk } from "./observe";

// Programs written the way v2 code uses `AWS.SSOOIDC` and its `AWS.Request`: the reference's own pattern
// (`var request = ssooidc.createToken(params); request.on(...); request.send();`), the callback and promise forms,
// requests built now and sent later, abort, retry listeners. Each takes the module under test (the `aws-sdk` v2 or
// ours: only `SSOOIDC` changes) and returns what it observed: the events in the order they fired with the kinds of
// their arguments, outcomes with the fields v2 code reads, and how many calls the service received.

async function register(oidc: any) {
  return oidc.registerClient({ clientName: "v2-program", clientType: "public" }).promise();
}

/**
 * The reference's pattern, as its documentation shows it: build the request, add listeners, `send()`. Once for a
 * device login's token (success), once for a refresh with an unknown token (the service's error).
 */
export async function referencePattern(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const { clientId, clientSecret } = await register(oidc);
    const auth = await oidc.startDeviceAuthorization({ clientId, clientSecret, startUrl: START_URL }).promise();
    env.service.approve(auth.userCode);
    const runs: object[] = [];
    for (const params of [
      { clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode },
      { clientId, clientSecret, grantType: "refresh_token", refreshToken: "not-a-refresh-token" },
    ]) {
      const before = calls(env).CreateToken;
      const request = oidc.createToken(params);
      const events = recordEvents(request);
      const outcome = await new Promise<object>((resolve) => {
        request
          .on("success", (response: any) => resolve({ success: dataSeen(response.data), requestId: typeof response.requestId }))
          .on("error", (error: any, response: any) => resolve({ error: errorSeen(error), sameAsResponse: error === response.error, data: response.data }));
        const returned = request.send();
        events.push(`send() returned the ${kind(returned, request)}`);
      });
      await wait(0);
      runs.push({ events, outcome, serviceCalls: calls(env).CreateToken - before });
    }
    return runs;
  } finally {
    done(oidc);
  }
}

/** The callback form: the method sends at once and returns a handle; `this` in the callback is the response. */
export async function callbackForm(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env).RegisterClient;
    let returned: any;
    const seen = await new Promise<object>((resolve) => {
      returned = oidc.registerClient({ clientName: "v2-callback", clientType: "public" }, function (this: unknown, err: unknown, data: any) {
        resolve({ thisIsTheResponse: this === (returned?.request ? returned : returned?.response), err, data: dataSeen(data) });
      });
    });
    const failed = await new Promise<object>((resolve) => {
      oidc.createToken({ clientId: "nobody", clientSecret: "nothing", grantType: "refresh_token", refreshToken: "none" }, (err: unknown, data: unknown) =>
        resolve({ err: errorSeen(err), data }),
      );
    });
    return {
      returnedIs: typeof returned?.abort === "function" ? "the request" : returned?.httpResponse ? "the response" : typeof returned,
      sentWithoutSend: calls(env).RegisterClient - before,
      seen,
      failed,
    };
  } finally {
    done(oidc);
  }
}

/** The promise form: `promise()` twice gives the same outcome from one call; a rejection carries v2's fields. */
export async function promiseForm(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env).RegisterClient;
    const request = oidc.registerClient({ clientName: "v2-promise", clientType: "public" });
    const [first, second] = await Promise.all([request.promise(), request.promise()]);
    const rejected = await oidc
      .createToken({ clientId: "nobody", clientSecret: "nothing", grantType: "refresh_token", refreshToken: "none" })
      .promise()
      .then(
        () => "resolved",
        (e: unknown) => errorSeen(e),
      );
    return {
      data: dataSeen(first),
      $responseIsTheResponse: first.$response === request.response,
      promisedTwice: { sameData: first === second, serviceCalls: calls(env).RegisterClient - before },
      rejected,
    };
  } finally {
    done(oidc);
  }
}

/** Requests built and handed on: nothing reaches the service until one is sent, later, by other code. */
export async function laziness(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env);
    const pending = [oidc.registerClient({ clientName: "later", clientType: "public" }), oidc.startDeviceAuthorization({ clientId: "c", clientSecret: "s", startUrl: START_URL })];
    await wait(50);
    const afterBuilding = calls(env);
    // Other code sends the first one later.
    const seen = await new Promise<object>((resolve) => setTimeout(() => sendWithCallback(pending[0]).then(resolve), 10));
    return {
      beforeSend: { RegisterClient: afterBuilding.RegisterClient - before.RegisterClient, StartDeviceAuthorization: afterBuilding.StartDeviceAuthorization - before.StartDeviceAuthorization },
      seen,
      afterSend: { RegisterClient: calls(env).RegisterClient - before.RegisterClient, StartDeviceAuthorization: calls(env).StartDeviceAuthorization - before.StartDeviceAuthorization },
    };
  } finally {
    done(oidc);
  }
}

/** Two 500s, then the answer: the events of each attempt, the retry count, three calls. Then 500s until it gives up. */
export async function retriesOn500(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env, { maxRetries: 2 });
  try {
    const before = calls(env).RegisterClient;
    env.service.failNext("RegisterClient", 2, { status: 500 });
    const request = oidc.registerClient({ clientName: "v2-retry", clientType: "public" });
    const events = recordEvents(request);
    const recovered = await sendWithCallback(request);
    const afterRecovery = calls(env).RegisterClient - before;
    env.service.failNext("RegisterClient", 3, { status: 500 });
    const failing = oidc.registerClient({ clientName: "v2-retry", clientType: "public" });
    const failingEvents = recordEvents(failing);
    const gaveUp = await sendWithCallback(failing);
    return { events, recovered, retryCount: request.response.retryCount, afterRecovery, failingEvents, gaveUp, afterGivingUp: calls(env).RegisterClient - before };
  } finally {
    done(oidc);
  }
}

/** `abort()` while the service takes its time: the call ends with v2's abort error, and nothing is sent again. */
export async function abortDuringSlowAnswer(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  env.service.setLatency(30_000, "RegisterClient");
  try {
    const before = calls(env).RegisterClient;
    const request = oidc.registerClient({ clientName: "v2-abort", clientType: "public" });
    const abortEvents = recordEvents(request);
    const outcome = sendWithCallback(request);
    // Abort once the service has the request (bounded: 2 s at most).
    for (let i = 0; i < 400 && calls(env).RegisterClient === before; i++) await wait(5);
    request.abort();
    const seen = await outcome;
    await wait(50);
    return { abortEvents, seen, serviceCalls: calls(env).RegisterClient - before };
  } finally {
    env.service.setLatency(0, "RegisterClient");
    done(oidc);
  }
}

/** `abort()` before `send()`, as code that cancels a request it built but has not sent yet. */
export async function abortBeforeSend(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env).RegisterClient;
    const request = oidc.registerClient({ clientName: "v2-abort-early", clientType: "public" });
    request.abort();
    const seen = await sendWithCallback(request);
    await wait(50);
    return { abortedBeforeSend: { ...seen, serviceCalls: calls(env).RegisterClient - before } };
  } finally {
    done(oidc);
  }
}

/** The v2 documentation's retry listener: an error the SDK would not retry is marked retryable, with a delay; and the reverse. */
export async function retryListener(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env).CreateToken;
    const request = oidc.createToken({ clientId: "nobody", clientSecret: "nothing", grantType: "refresh_token", refreshToken: "none" });
    request.on("retry", (response: any) => {
      if (response.error.code === "InvalidClientException" && response.retryCount < 1) {
        response.error.retryable = true;
        response.error.retryDelay = 10;
      }
    });
    const markedRetryable = await sendWithCallback(request);
    const retried = { markedRetryable, retryCount: request.response.retryCount, serviceCalls: calls(env).CreateToken - before };
    env.service.failNext("RegisterClient", 1, { status: 500 });
    const first = calls(env).RegisterClient;
    const refused = oidc.registerClient({ clientName: "v2-no-retry", clientType: "public" });
    refused.on("retry", (response: any) => (response.error.retryable = false));
    const markedNotRetryable = await sendWithCallback(refused);
    return { retried, notRetried: { markedNotRetryable, retryCount: refused.response.retryCount, serviceCalls: calls(env).RegisterClient - first } };
  } finally {
    done(oidc);
  }
}

/** Listeners that refuse a call, as the reference's `validate` example does, and parameter validation: nothing is sent. */
export async function refusedBeforeSending(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env);
    const refuse = (event: string) => {
      const request = oidc.registerClient({ clientName: "v2-refused", clientType: "public" });
      const events = recordEvents(request);
      request.on(event, () => {
        throw new Error(`refused in ${event}`);
      });
      return sendWithCallback(request).then((seen) => ({ events, seen }));
    };
    const invalid = async (params: object) => {
      const request = oidc.createToken(params);
      const events = recordEvents(request);
      return { events, seen: await sendWithCallback(request) };
    };
    return {
      inValidate: await refuse("validate"),
      inBuild: await refuse("build"),
      oneProblem: await invalid({ clientId: "c", clientSecret: "s" }),
      problems: await invalid({ clientId: 7, grantType: "refresh_token" }),
      serviceCalls: Object.values(calls(env)).reduce((a, b) => a + b, 0) - Object.values(before).reduce((a, b) => a + b, 0),
    };
  } finally {
    done(oidc);
  }
}

/** What v2 code reads off a request: operation, params, httpRequest before and after it is built, the response. */
export async function requestProperties(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const params = { clientName: "v2-properties", clientType: "public", scopes: ["sso:account:access"] };
    const request = oidc.registerClient(params);
    const http = () => ({
      method: request.httpRequest.method,
      path: request.httpRequest.path,
      body: request.httpRequest.body && JSON.parse(request.httpRequest.body),
      contentType: Object.keys(request.httpRequest.headers).filter((h) => /^content-type$/i.test(h)),
    });
    const beforeSend = { operation: request.operation, params: request.params, httpRequest: { ...http(), body: request.httpRequest.body }, startTime: request.startTime instanceof Date };
    let built: object = {};
    request.on("build", () => (built = http()));
    request.httpRequest.headers["x-my-header"] = "set before send";
    let headerSent: unknown;
    request.on("sign", () => (headerSent = request.httpRequest.headers["x-my-header"]));
    await request.promise();
    const { response } = request;
    return {
      beforeSend,
      built,
      headerSent,
      response: {
        keys: Object.keys(response).sort(),
        httpResponse: ["statusCode", "headers", "body", "statusMessage"].map((k) => `${k}: ${typeof response.httpResponse[k]}`),
        status: [response.httpResponse.statusCode, response.httpResponse.statusMessage],
        body: Object.keys(JSON.parse(String(response.httpResponse.body))),
        requestId: typeof response.requestId,
        maxRetries: response.maxRetries,
        maxRedirects: response.maxRedirects,
        isTheRequests: response.request === request,
      },
    };
  } finally {
    done(oidc);
  }
}

/** `send()` twice on one request, as code that does not know another part already sent it. */
export async function sentTwice(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    const before = calls(env).RegisterClient;
    const request = oidc.registerClient({ clientName: "v2-twice", clientType: "public" });
    const callbacks: string[] = [];
    await new Promise<void>((resolve) => {
      request.send(() => callbacks.push("first"));
      request.send(() => (callbacks.push("second"), setTimeout(resolve, 100)));
    });
    return { sentTwice: { callbacks: callbacks.sort(), serviceCalls: calls(env).RegisterClient - before } };
  } finally {
    done(oidc);
  }
}

/** A device-flow poll once the device code has expired: pollers stop on `err.code === "ExpiredTokenException"`. */
export async function expiredDeviceCode(sdk: Sdk, env: ProgramEnv) {
  const oidc = client(sdk, env);
  try {
    env.service.failNext("CreateToken", 1, { exception: "ExpiredTokenException" });
    const before = calls(env).CreateToken;
    const e = await oidc
      .createToken({ clientId: "c", clientSecret: "s", grantType: DEVICE_GRANT, deviceCode: "expired-device-code" })
      .promise()
      .catch((x: unknown) => x);
    return { expired: { code: e.code, retryable: e.retryable, stopsPolling: e.code === "ExpiredTokenException" }, serviceCalls: calls(env).CreateToken - before };
  } finally {
    done(oidc);
  }
}
