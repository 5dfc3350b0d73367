import { SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { authorizationCodeLogin, AUTHORIZATION_TIMEOUT, deviceLogin, isTokenCacheError, type DeviceLoginResult, type Registration } from "@ssokit/sso-login";
import { cacheFile, cachedTokenOf, checkCacheWritable, readCachedToken, writeCachedToken, type CachedToken } from "@ssokit/sso-login/cache";
import { describeError } from "../describeError";
import { EXIT } from "../exitCodes";
import type { Io } from "../io";
import { openBrowser } from "../openBrowser";
import { parseFlags, urlFlag } from "../parseFlags";
import { ProgressLine } from "../progressLine";
import { qrCode } from "../qrCode";
import { loginTarget, TARGET_FLAGS } from "../ssoTarget";
import { trackAttempts } from "../trackAttempts";
import { UsageError } from "../UsageError";

export const LOGIN_HELP = `Usage: sso-oidc login (--profile NAME | --sso-session NAME | --start-url URL --region REGION) [flags]

Signs in to AWS IAM Identity Center with the device authorization grant: shows a URL and a code (and a QR code
for a phone), opens the browser, waits while you approve, and saves the token where the AWS CLI looks for it.
With --pkce, uses the authorization code grant with PKCE instead (the AWS CLI's default): the browser, on this
machine, comes back to a local port once you allow access.

  --profile NAME       take the start URL, region, session name and scopes from this profile of the AWS config
                       (AWS_CONFIG_FILE, else ~/.aws/config), as "aws sso login" does; with no flag
                       naming a session, AWS_PROFILE, else [default] if it is an SSO profile
  --sso-session NAME   the same, from an [sso-session NAME] section
  --start-url URL      the AWS access portal URL (without --profile or --sso-session)
  --region REGION      the IAM Identity Center region, such as us-east-1 (with --start-url)
  --session-name NAME  the SSO session name; the cache file is named after it (default: after the start URL)
  --scopes a,b         scopes to ask for (default: the config's sso_registration_scopes, else sso:account:access)
  --endpoint URL       an SSO OIDC endpoint to use instead of the region's
  --request-timeout S  seconds each request may take before it is retried (default: 30; 3 attempts in all)
  --pkce               sign in with the authorization code grant and PKCE (a browser on this machine)
  --redirect-port N    with --pkce, the local port the browser comes back to (default: a free one)
  --no-browser         do not open a browser
  --cache-dir DIR      where to save the token (default: ~/.aws/sso/cache)
  --json               print one JSON result on stdout; instructions go to stderr
  --help               this text

Exit codes: 0 signed in, 2 bad arguments (or AWS config), 3 denied, 4 expired (or no answer from the browser in time),
5 network, 6 service error, 7 cache error, 130 interrupted.`;

const FLAGS = {
  ...TARGET_FLAGS,
  region: { type: "string" },
  scopes: { type: "string" },
  endpoint: { type: "string" },
  "request-timeout": { type: "string" },
  pkce: { type: "boolean" },
  "redirect-port": { type: "string" },
  "no-browser": { type: "boolean" },
  "cache-dir": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean" },
} as const;

/** `sso-oidc login`: device login, then the token in the AWS CLI's cache. Returns the exit code. */
export async function login(args: string[], io: Io): Promise<number> {
  const json = args.includes("--json");
  const human = json ? io.stderr : io.stdout;
  const client: { current?: SSOOIDCClient } = {};
  const progress = new ProgressLine(human);
  /** When the call in flight, or the last one, began: the final error says how long it was tried. */
  let callSince: number | undefined;
  try {
    const flags = parseFlags("login", args, FLAGS);
    if (flags.help) {
      io.stdout.write(`${LOGIN_HELP}\n`);
      return EXIT.OK;
    }
    const target = await loginTarget(flags, io.env);
    const { startUrl, region, sessionName } = target;
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`--region must be a region name such as us-east-1; got ${JSON.stringify(region)}.`);
    const endpoint = flags.endpoint === undefined ? undefined : urlFlag("endpoint", flags.endpoint);
    const scopes = flags.scopes === undefined ? target.scopes : flags.scopes.split(",").map((s) => s.trim());
    if (scopes?.some((s) => !s)) throw new UsageError(`--scopes must be a comma-separated list of scopes; got ${JSON.stringify(flags.scopes)}.`);
    const file = cacheFile({ sessionName, startUrl, cacheDir: flags["cache-dir"] });
    // Before anything starts: a token that cannot be saved would be lost once the user has approved.
    await checkCacheWritable(file);

    let cached: CachedToken | undefined;
    try {
      cached = await readCachedToken(file);
    } catch (e) {
      if (!isTokenCacheError(e)) throw e;
      human.write(`warning: ${e.message} It will be replaced.\n`);
    }
    const registration: Registration | undefined =
      cached?.clientId && cached.clientSecret && cached.registrationExpiresAt
        ? { clientId: cached.clientId, clientSecret: cached.clientSecret, expiresAt: new Date(cached.registrationExpiresAt) }
        : undefined;

    const redirectPort = flags["redirect-port"] === undefined ? undefined : Number(flags["redirect-port"]);
    if (redirectPort !== undefined && !(Number.isInteger(redirectPort) && redirectPort >= 1 && redirectPort <= 65535)) {
      throw new UsageError(`--redirect-port must be a port number from 1 to 65535; got ${JSON.stringify(flags["redirect-port"])}.`);
    }
    if (redirectPort !== undefined && !flags.pkce) throw new UsageError("--redirect-port goes with --pkce.");

    const timeout = flags["request-timeout"] === undefined ? undefined : Number(flags["request-timeout"]);
    if (timeout !== undefined && !(timeout > 0 && timeout <= 600)) throw new UsageError(`--request-timeout must be a number of seconds from 0 to 600; got ${JSON.stringify(flags["request-timeout"])}.`);

    client.current = new SSOOIDCClient({ region, endpoint, ...(timeout === undefined ? {} : { requestTimeout: timeout * 1000 }) });
    // Every attempt of every call shows on the progress line: a slow or silent service is never silent here.
    trackAttempts(client.current, (info) => ((callSince = info.since), progress.attemptStarted(info)), () => progress.attemptEnded());
    let result: DeviceLoginResult;
    if (flags.pkce) {
      // A registration for the device grant cannot take the browser's redirect: this flow registers its own.
      result = await authorizationCodeLogin({
        client: client.current,
        startUrl,
        scopes,
        clientName: "sso-oidc",
        redirectPort,
        signal: io.signal,
        onAuthorizeUrl: (url) => {
          human.write(`To sign in, open this URL in a browser on this machine:\n\n  ${url}\n\n`);
          if (!flags["no-browser"] && openBrowser(url, io.env)) human.write("(opened in your browser)\n");
          progress.waitFor("Waiting for the browser", new Date(Date.now() + AUTHORIZATION_TIMEOUT));
        },
      });
    } else {
      result = await deviceLogin({
        client: client.current,
        startUrl,
        scopes,
        clientName: "sso-oidc",
        registration,
        signal: io.signal,
        onVerification: (info) => {
          const url = info.verificationUriComplete ?? info.verificationUri;
          human.write(`To sign in, open this URL:\n\n  ${url}\n\nand check that the page shows the code:  ${info.userCode}\n\n${qrCode(url)}\n`);
          if (!flags["no-browser"] && openBrowser(url, io.env)) human.write("(opened in your browser)\n");
          progress.waitFor("Waiting for approval", info.expiresAt);
        },
      });
    }
    progress.stop();
    const entry = cachedTokenOf(result, { startUrl, region });
    await writeCachedToken(file, entry);
    const { expiresAt } = entry;
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: true, startUrl, region, sessionName, expiresAt, cacheFile: file, registrationReused: result.registrationReused })}\n`);
    } else {
      human.write(
        `Signed in. The token is valid until ${expiresAt} (${Math.round(result.expiresIn / 60)} min).\n` +
          `Saved to ${file}${result.registrationReused ? " (client registration reused)" : ""}.\n`,
      );
    }
    return EXIT.OK;
  } catch (e) {
    progress.stop();
    const { exit, code, message } = describeError(e, callSince);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, code, message })}\n`);
    else io.stderr.write(`sso-oidc: ${message}\n`);
    if (exit === EXIT.USAGE && !json) io.stderr.write("Run sso-oidc login --help for the flags.\n");
    return exit;
  } finally {
    progress.stop();
    client.current?.destroy();
  }
}
