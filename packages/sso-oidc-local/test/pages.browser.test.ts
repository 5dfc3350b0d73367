import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from "@ssokit/client-sso-oidc";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

// The service's pages in a real Chromium: as a phone shows them (390 px, a touch screen that honours the viewport
// meta) and as a desktop does (1280 px); and against a page of another site that tries to approve a code.
// Screenshots of every page at both widths go to test-results/pages/ at the top of the repository.
const root = join(__dirname, "../../..");
const SCREENSHOTS = join(root, "test-results", "pages");
const WIDTHS = [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
] as const;

const APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222";
let browser: Browser;
let server: LocalServer;
let client: SSOOIDCClient;
let loopback: http.Server;
let redirectUri: string;

beforeAll(async () => {
  const executablePath = (await promisify(execFile)(process.execPath, [join(root, "scripts/systemTools.mjs"), "--print", "chromium"])).stdout.trim();
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The client's side of the authorization code grant: where the browser lands after Allow.
  loopback = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("back at the client"));
  await new Promise<void>((resolve) => loopback.listen(0, "127.0.0.1", resolve));
  redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/oauth/callback`;
  // And an application of CreateTokenWithIAM, whose sign-in page asks who signs in.
  server = await startLocalServer({ users: [{ userName: "alice", email: "alice@example.com" }], applications: [{ arn: APP, name: "Team wiki", scopes: ["wiki:read"], grants: { authorizationCode: { redirectUris: [redirectUri] } } }] });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1 });
  // Root in a container has no user namespaces for Chromium's sandbox.
  browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ["--no-sandbox"] : [] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  client?.destroy();
  loopback?.closeAllConnections();
  await new Promise((resolve) => (loopback ? loopback.close(resolve) : resolve(undefined)));
  await server?.close();
});

/** A device authorization waiting for the user, for a client that asks for two scopes. */
async function deviceAuthorization() {
  const reg = await client.send(new RegisterClientCommand({ clientName: "Example CLI", clientType: "public", scopes: ["sso:account:access", "codewhisperer:completions"] }));
  const auth = await client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://d-1.awsapps.com/start" }));
  const poll = () => client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: auth.deviceCode }));
  return { auth: auth as Required<typeof auth>, poll };
}

/** What a person meets on the page: everything the checks below look at, measured by the browser. */
function measure(page: Page) {
  return page.evaluate(() => {
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const controls = Array.from(document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea")).filter(visible);
    const describe = (e: Element) => `${e.tagName.toLowerCase()} "${(e as HTMLElement).innerText || (e as HTMLInputElement).name}"`;
    return {
      title: document.title,
      layoutWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
      // Anything whose box reaches past the right edge, or whose content is wider than its box (a clipped code).
      clipped: Array.from(document.body.querySelectorAll("*"))
        .filter(visible)
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 || e.scrollWidth > e.clientWidth + 1)
        .map(describe),
      small: controls.filter((e) => e.getBoundingClientRect().height < 44 || e.getBoundingClientRect().width < 44).map(describe),
      unlabelled: controls
        .filter((e) => (e instanceof HTMLInputElement ? !e.labels?.length && !e.getAttribute("aria-label") : !(e as HTMLElement).innerText.trim()))
        .map(describe),
      controls: controls.map(describe),
    };
  });
}

/** Puts the keyboard at the top of the page, as when it has just loaded: the next Tab goes to the first control. */
async function focusTop(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.click(1, 1);
}

/** The controls Tab reaches from the top of the page, in order, until it comes round again. */
async function tabOrder(page: Page): Promise<string[]> {
  await focusTop(page);
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const current = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      return !e || e === document.body ? "" : `${e.tagName.toLowerCase()} "${e.innerText || (e as HTMLInputElement).name}"`;
    });
    if (!current || seen.includes(current)) break;
    seen.push(current);
  }
  return seen;
}

/** Checks one page as a person meets it, and keeps a screenshot of it. */
async function check(page: Page, width: (typeof WIDTHS)[number], name: string, title: string) {
  const m = await measure(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width.name}.png`), fullPage: true });
  expect({ page: name, title: m.title, layoutWidth: m.layoutWidth, scrolls: m.scrollWidth > m.layoutWidth, clipped: m.clipped, small: m.small, unlabelled: m.unlabelled }).toEqual({
    page: name,
    title: `${title} · SSO OIDC (local)`,
    layoutWidth: width.viewport.width,
    scrolls: false,
    clipped: [],
    small: [],
    unlabelled: [],
  });
  expect(m.bodyFontPx).toBeGreaterThanOrEqual(16);
  expect((await tabOrder(page)).sort()).toEqual([...m.controls].sort());
}

describe.each(WIDTHS)("the pages at $viewport.width px", (width) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: width.viewport, isMobile: width.isMobile, hasTouch: width.hasTouch, deviceScaleFactor: width.deviceScaleFactor });
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it("take a person from the link to Allow with the keyboard: confirm the code, see the application and its scopes, allow; a reopened link says it is done", async () => {
    const { auth, poll } = await deviceAuthorization();
    await page.goto(auth.verificationUriComplete);
    await check(page, width, "confirm", "Confirm the code");
    expect(await page.locator(".code").innerText()).toBe(auth.userCode);
    // Keyboard only: Tab to the button, Enter.
    await focusTop(page);
    await page.keyboard.press("Tab");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await check(page, width, "allow", "Allow access?");
    expect(await page.locator(".scopes li").allInnerTexts()).toEqual(["sso:account:access", "codewhisperer:completions"]);
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Allow" }).click()]);
    await check(page, width, "allowed", "Access allowed");
    expect((await poll()).tokenType).toBe("Bearer");
    await page.goto(auth.verificationUriComplete);
    await check(page, width, "already-approved", "Already approved");
  });

  it("let a person type a code on the blank form, and try again after a mistyped one", async () => {
    const { auth } = await deviceAuthorization();
    await page.goto(`${server.url}/device`);
    await check(page, width, "enter", "Enter the code");
    await page.getByLabel("Code").fill("BBBB-BBBB");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Next" }).click()]);
    await check(page, width, "check-the-code", "Check the code");
    expect(await page.getByRole("alert").innerText()).toContain("No sign-in waits for the code BBBB-BBBB");
    await page.getByLabel("Code").fill(auth.userCode.toLowerCase());
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Next" }).click()]);
    expect(await page.title()).toBe("Allow access? · SSO OIDC (local)");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Deny" }).click()]);
    await check(page, width, "denied", "Access denied");
    await page.goto(auth.verificationUriComplete);
    await check(page, width, "already-denied", "Already denied");
  });

  it("show the consent page of the authorization code grant, whose Allow goes on to the client's redirect URI", async () => {
    const reg = await client.send(new RegisterClientCommand({ clientName: "Example IDE", clientType: "public", scopes: ["sso:account:access"], grantTypes: ["authorization_code"], redirectUris: [redirectUri] }));
    const verifier = randomBytes(32).toString("base64url");
    const url = new URL(server.authorizeUri);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: reg.clientId!,
      redirect_uri: redirectUri,
      state: "st",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
      scopes: "sso:account:access",
    }).toString();
    await page.goto(url.href);
    await check(page, width, "consent", "Allow access to your account?");
    await Promise.all([page.waitForURL(/\/oauth\/callback\?/), page.getByRole("button", { name: "Allow" }).click()]);
    expect([new URL(page.url()).searchParams.get("state"), await page.locator("body").innerText()]).toEqual(["st", "back at the client"]);
  });

  it("ask who signs in for an application: a name it does not know gets the page again, Deny needs none, Allow goes on with one", async () => {
    const authorize = () => {
      const url = new URL(server.authorizeUri);
      url.search = new URLSearchParams({ response_type: "code", client_id: APP, redirect_uri: redirectUri, state: "st", code_challenge: "c".repeat(43), code_challenge_method: "S256", scopes: "openid wiki:read" }).toString();
      return url.href;
    };
    await page.goto(authorize());
    await check(page, width, "sign-in", "Allow access to your account?");
    await page.getByLabel("Sign in as (user name or email)").fill("mallory");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Allow" }).click()]);
    await check(page, width, "sign-in-again", "Allow access to your account?");
    expect(await page.getByRole("alert").innerText()).toBe("No user here is called mallory. Type a user name or an email of the service's users.");
    await page.getByLabel("Sign in as (user name or email)").fill("");
    await Promise.all([page.waitForURL(/\/oauth\/callback\?/), page.getByRole("button", { name: "Deny" }).click()]);
    expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
    await page.goto(authorize());
    await page.getByLabel("Sign in as (user name or email)").fill("Alice@Example.com");
    await Promise.all([page.waitForURL(/\/oauth\/callback\?/), page.keyboard.press("Enter")]);
    expect([new URL(page.url()).searchParams.get("code")?.startsWith("ac-"), await page.locator("body").innerText()]).toEqual([true, "back at the client"]);
  });
});

describe("the pages against another site, in Chromium", () => {
  let other: http.Server;
  let otherUrl: string;
  let html = "";
  beforeAll(async () => {
    other = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    // Another site: another host name for this machine, so the browser sees a cross-site request.
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
  });

  it("refuses a form another site submits by itself, for either step, and the code stays pending", async () => {
    const { auth } = await deviceAuthorization();
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const action of ["approve", "confirm"]) {
      html = `<form method="post" action="${server.url}/device"><input name="user_code" value="${auth.userCode}"><input name="action" value="${action}"></form><script>document.forms[0].submit()</script>`;
      const [answer] = await Promise.all([page.waitForResponse(`${server.url}/device`), page.goto(otherUrl)]);
      expect([action, answer.status(), await page.locator("h1").innerText()]).toEqual([action, 403, "Not sent from this page"]);
    }
    await context.close();
    expect(server.pendingUserCodes()).toContain(auth.userCode);
  });

  it("cannot be framed by another site", async () => {
    const { auth } = await deviceAuthorization();
    html = `<iframe src="${auth.verificationUriComplete}"></iframe>`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(otherUrl);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const shown = await frame.evaluate(() => document.documentElement.outerHTML).catch(() => "");
    await context.close();
    expect([frame.url() === auth.verificationUriComplete && shown.includes(auth.userCode)]).toEqual([false]);
  });
});
