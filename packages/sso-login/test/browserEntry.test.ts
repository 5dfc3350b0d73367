import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as main from "@ssokit/sso-login";
import * as browser from "../src/index.browser";

const NODE_ONLY = ["AUTHORIZATION_TIMEOUT", "LOOPBACK_REDIRECT_URI", "REFRESH_WINDOW", "authorizationCodeLogin", "fromCachedToken", "getCachedToken"];

describe("the browser entry (index.browser.ts, the `browser` condition)", () => {
  it("exports everything of the main entry but what needs Node, the same objects", () => {
    const missing = Object.keys(main).filter((name) => !(name in browser)).sort();
    expect(missing).toEqual(NODE_ONLY);
    for (const [name, value] of Object.entries(browser)) expect([name, value === (main as Record<string, unknown>)[name]]).toEqual([name, true]);
  });

  it("builds to ES modules that import nothing from node:", () => {
    const dir = join(__dirname, "../dist/browser");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".mjs"));
    expect(files).toContain("deviceLogin.mjs");
    const imports = files.flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]));
    expect(imports.filter((i) => i.startsWith("node:") || !(i.startsWith(".") || i.startsWith("@ssokit/")))).toEqual([]);
  });
});
