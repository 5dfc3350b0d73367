import { cacheFile, formatExpiry, readCachedToken, removeCachedToken, TokenCacheError, writeCachedToken, defaultCacheDir } from "@ssokit/sso-login/cache";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ssokit-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const token = {
  startUrl: "https://d-1.awsapps.com/start",
  region: "us-east-1",
  accessToken: "aoa-secret",
  expiresAt: "2026-11-26T13:00:00Z",
  clientId: "cid",
  clientSecret: "csec-secret",
  registrationExpiresAt: "2027-02-24T12:00:00Z",
  refreshToken: "aor-secret",
};

describe("cacheFile", () => {
  it("names the file by the sha1 of the session name, else of the start URL, as the AWS CLI does", () => {
    const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
    expect(cacheFile({ sessionName: "my-sso", startUrl: token.startUrl, cacheDir: dir })).toBe(join(dir, `${sha1("my-sso")}.json`));
    expect(cacheFile({ startUrl: token.startUrl, cacheDir: dir })).toBe(join(dir, `${sha1(token.startUrl)}.json`));
    expect(cacheFile({ sessionName: "my-sso" })).toBe(join(homedir(), ".aws/sso/cache", `${sha1("my-sso")}.json`));
    expect(defaultCacheDir()).toBe(join(homedir(), ".aws", "sso", "cache"));
  });
});

describe("formatExpiry", () => {
  it("writes UTC to the second with a Z", () => {
    expect(formatExpiry(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe("2026-01-02T03:04:05Z");
  });
});

describe("writeCachedToken / readCachedToken", () => {
  it("round-trips a token in a 0600 file inside a 0700 directory it creates, leaving no temporary file", async () => {
    const file = cacheFile({ sessionName: "s", cacheDir: join(dir, "sso", "cache") });
    await writeCachedToken(file, token);
    expect(await readCachedToken(file)).toEqual(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "sso", "cache")).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, "sso", "cache"))).toEqual([file.split("/").pop()]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(token);
  });

  it("replaces a previous token whole", async () => {
    const file = cacheFile({ sessionName: "s", cacheDir: dir });
    await writeCachedToken(file, { ...token, accessToken: "old".repeat(100) });
    await writeCachedToken(file, token);
    expect(await readCachedToken(file)).toEqual(token);
  });

  it("keeps one whole file when many writers race", async () => {
    const file = cacheFile({ sessionName: "s", cacheDir: dir });
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeCachedToken(file, { ...token, accessToken: `token-${i}` })));
    const read = await readCachedToken(file);
    expect(read?.accessToken).toMatch(/^token-\d+$/);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("returns undefined when there is no file", async () => {
    expect(await readCachedToken(join(dir, "none.json"))).toBeUndefined();
  });

  it("reports a corrupt file with a TokenCacheError naming the file, never its content", async () => {
    const file = join(dir, "bad.json");
    for (const content of ['{"accessToken":"aoa-leak", "expiresAt": ', '["x"]', '{"accessToken":"aoa-leak"}']) {
      writeFileSync(file, content);
      const e = await readCachedToken(file).catch((x) => x);
      expect(e).toBeInstanceOf(TokenCacheError);
      expect(e.code).toBe("CorruptCacheFile");
      expect(e.file).toBe(file);
      expect(e.message).toContain(file);
      expect(e.message).not.toContain("aoa-leak");
    }
  });
});

describe("removeCachedToken", () => {
  it("removes the file, and says false when there was none", async () => {
    const file = cacheFile({ sessionName: "s", cacheDir: dir });
    await writeCachedToken(file, token);
    expect(await removeCachedToken(file)).toBe(true);
    expect(await removeCachedToken(file)).toBe(false);
  });
});
