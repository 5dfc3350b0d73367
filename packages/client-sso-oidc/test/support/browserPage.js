// Runs in Chromium, beside the application bundle of the client's browser build. The test calls `window.call`
// through Playwright; everything it returns is plain data, errors included.
import * as sdk from "./app.js";

const COMMANDS = {
  RegisterClient: sdk.RegisterClientCommand,
  StartDeviceAuthorization: sdk.StartDeviceAuthorizationCommand,
  CreateToken: sdk.CreateTokenCommand,
};

const records = [];
const logger = {
  trace: () => {},
  debug: (r) => records.push(["debug", r]),
  info: (r) => records.push(["info", r]),
  warn: (r) => records.push(["warn", r]),
  error: (r) => records.push(["error", r]),
};

/**
 * Sends one command with a fresh client. `options.abortAfter` aborts the call after that many ms;
 * `options.log` passes a capturing logger and returns what it got.
 */
window.call = async (operation, config, input, options = {}) => {
  const client = new sdk.SSOOIDCClient({ ...config, ...(options.log ? { logger } : {}) });
  const controller = new AbortController();
  if (options.abortAfter !== undefined) setTimeout(() => controller.abort(), options.abortAfter);
  records.length = 0;
  try {
    const output = await client.send(new COMMANDS[operation](input), { abortSignal: controller.signal });
    return { output, log: JSON.parse(JSON.stringify(records)) };
  } catch (e) {
    return {
      error: {
        name: e.name,
        message: e.message,
        code: e.code,
        error: e.error,
        $fault: e.$fault,
        $metadata: e.$metadata,
        isServiceException: e instanceof sdk.SSOOIDCServiceException,
        isAuthorizationPending: e instanceof sdk.AuthorizationPendingException,
        isSlowDown: e instanceof sdk.SlowDownException,
      },
      log: JSON.parse(JSON.stringify(records)),
    };
  } finally {
    client.destroy();
  }
};

/**
 * Calls a method of the v2-style `SSOOIDC` client as AWS SDK v2 code did: with a callback when `form` is
 * "callback"; as the reference shows, `request.on(...)` then `request.send()`, when it is "events" (the events
 * that fired, and what `httpData` got, come back too); else through `.promise()`.
 */
window.callV2 = async (method, options, params, form) => {
  // A bundle of its own (an application that imports only SSOOIDC), fetched on first use.
  const { SSOOIDC } = await import("./v2/app.js");
  const ssooidc = new SSOOIDC(options);
  try {
    if (form === "events") {
      const request = ssooidc[method](params);
      const events = [];
      for (const event of ["validate", "build", "sign", "httpHeaders", "httpData", "httpDone", "send", "extractData", "extractError", "retry", "success", "error", "complete"]) {
        request.on(event, (first) => events.push(event === "httpData" ? `httpData ${first.constructor.name}` : event));
      }
      const output = await new Promise((resolve, reject) => request.on("complete", (response) => (response.error ? reject(response.error) : resolve(response.data))).send());
      return { output, events };
    }
    const output =
      form === "callback"
        ? await new Promise((resolve, reject) => ssooidc[method](params, (err, data) => (err ? reject(err) : resolve(data))))
        : await ssooidc[method](params).promise();
    return { output };
  } catch (e) {
    return { error: { name: e.name, code: e.code, message: e.message, errors: e.errors } };
  } finally {
    ssooidc.destroy();
  }
};

/** Sends one command with @aws-sdk/client-sso-oidc's browser build (its own application bundle), for comparison. */
window.callOfficial = async (operation, config, input) => {
  const aws = await import("./official/app.js");
  const client = new aws.SSOOIDCClient(config);
  try {
    return { output: await client.send(new aws[`${operation}Command`](input)) };
  } catch (e) {
    return { error: { name: e.name, message: e.message, error: e.error, $metadata: e.$metadata } };
  } finally {
    client.destroy();
  }
};

/**
 * Runs deviceLogin from @ssokit/sso-login's browser build (a bundle of its own, with the client). The code it shows
 * goes to `window.verification` for the test, which plays the user.
 */
window.deviceLoginInPage = async (endpoint) => {
  const { deviceLogin, isDeviceAuthorizationDeniedError, SSOOIDCClient } = await import("./login/app.js");
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint });
  window.verification = undefined;
  try {
    const result = await deviceLogin({
      client,
      startUrl: "https://d-1234567890.awsapps.com/start",
      onVerification: (info) => (window.verification = info),
    });
    return {
      tokenType: result.tokenType,
      expiresIn: result.expiresIn,
      hasRefreshToken: typeof result.refreshToken === "string",
      registrationReused: result.registrationReused,
      userCode: window.verification.userCode,
    };
  } catch (e) {
    return { error: e.name, denied: isDeviceAuthorizationDeniedError(e) };
  } finally {
    client.destroy();
  }
};

/** Takes away crypto.randomUUID, as a page served over plain http from another host would have it. */
window.withoutRandomUUID = () => Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });

window.ready = true;
