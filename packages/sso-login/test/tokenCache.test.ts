import { cacheFile, checkCacheWritable, formatExpiry, readCachedToken, removeCachedToken, TokenCacheError, writeCachedToken, defaultCacheDir } from "@ssokit/sso-login/cache";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { homedir, hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { BUILT_CACHE, nodeScript } from "./support/nodeScript";

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

describe("writeCachedToken and what others left", () => {
  it("narrows an existing cache directory that others may write into (0777) to 0700", async () => {
    const open = join(dir, "cache");
    mkdirSync(open);
    chmodSync(open, 0o777);
    await writeCachedToken(cacheFile({ sessionName: "s", cacheDir: open }), token);
    expect(statSync(open).mode & 0o7777).toBe(0o700);
  });

  it("leaves 0 temporary files after the next write when 100 writers were killed (kill -9) in the middle of writing", async () => {
    const file = cacheFile({ sessionName: "s", cacheDir: dir });
    // Each writer writes the token over and over; it is killed a moment after it starts, most often mid-write.
    const script = `
      const { writeCachedToken } = require(${BUILT_CACHE});
      const token = ${JSON.stringify(token)};
      process.stdout.write("writing\\n");
      (async () => { for (let i = 0; i < 100000; i++) await writeCachedToken(${JSON.stringify(file)}, { ...token, accessToken: "aoa-" + i }); })();`;
    let started = 0;
    const signals: (string | null)[] = [];
    /** The most temporary files (each with a whole token in it) seen in the directory just after a kill. */
    let mostLeft = 0;
    const writer = async () => {
      while (started < 100) {
        started++;
        const run = nodeScript(script, { timeout: 10_000 });
        await Promise.race([new Promise((resolve) => run.child.stdout!.once("data", resolve)), run.exited]);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
        run.child.kill("SIGKILL");
        signals.push((await run.exited).signal);
        mostLeft = Math.max(mostLeft, readdirSync(dir).filter((f) => f.endsWith(".tmp")).length);
      }
    };
    // Four at a time, 100 in all.
    await Promise.all([writer(), writer(), writer(), writer()]);
    expect([signals.length, new Set(signals)]).toEqual([100, new Set(["SIGKILL"])]);
    expect(mostLeft).toBeGreaterThan(0);
    // Every kill left a whole cache file behind; the next write sweeps what the killed writers left.
    expect((await readCachedToken(file))?.accessToken).toMatch(/^aoa-\d+$/);
    await writeCachedToken(file, token);
    expect(readdirSync(dir)).toEqual([file.split("/").pop()]);
  }, 60_000);

  it("keeps a live writer's temporary file and sweeps abandoned ones: a writer's that has ended, and any over a minute old", async () => {
    const host = createHash("sha1").update(hostname()).digest("hex").slice(0, 8);
    const ended = Number((await nodeScript("console.log(process.pid)").exited).stdout.trim());
    const file = cacheFile({ sessionName: "s", cacheDir: dir });
    const name = (pid: number) => `.${file.split("/").pop()}.${host}.${pid}.0123456789ab.tmp`;
    for (const temp of [name(process.pid), name(ended), ".0123456789ab.tmp", ".fedcba987654.tmp", "other.tmp"]) writeFileSync(join(dir, temp), "{}");
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(join(dir, ".0123456789ab.tmp"), hourAgo, hourAgo);
    await writeCachedToken(file, token);
    expect(readdirSync(dir).sort()).toEqual([name(process.pid), ".fedcba987654.tmp", file.split("/").pop(), "other.tmp"].sort());
  });
});

describe("checkCacheWritable", () => {
  it("passes for a directory that can be written, or one that can be made, and leaves nothing behind", async () => {
    mkdirSync(join(dir, "cache"));
    await checkCacheWritable(cacheFile({ sessionName: "s", cacheDir: join(dir, "cache") }));
    await checkCacheWritable(cacheFile({ sessionName: "s", cacheDir: join(dir, "sso", "cache") }));
    expect([readdirSync(dir), readdirSync(join(dir, "cache"))]).toEqual([["cache"], []]);
  });

  it("throws TokenCacheError CacheWriteFailed naming the directory when it cannot be written", async () => {
    writeFileSync(join(dir, "a-file"), "");
    const cache = join(dir, "a-file", "cache");
    const e = await checkCacheWritable(cacheFile({ sessionName: "s", cacheDir: cache })).catch((x) => x);
    expect(e).toBeInstanceOf(TokenCacheError);
    expect([e.code, e.message]).toEqual(["CacheWriteFailed", `Tokens cannot be saved in ${cache} (ENOTDIR); use a directory you can write to.`]);
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
