import { WebCryptoSha256 } from "@ssokit/middleware-signing";
import fc from "fast-check";
import { createHash, createHmac } from "node:crypto";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("WebCryptoSha256", () => {
  it("hashes as node:crypto does, for any chunks of any bytes or text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 80 })), { maxLength: 6 }), async (chunks) => {
        const ours = new WebCryptoSha256();
        const theirs = createHash("sha256");
        for (const c of chunks) {
          ours.update(c);
          theirs.update(c);
        }
        expect(hex(await ours.digest())).toBe(theirs.digest("hex"));
      }),
      { numRuns: 200 },
    );
  });

  it("computes HMAC-SHA-256 when given a secret (string or bytes), as node:crypto does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 64 })), fc.string({ maxLength: 200 }), async (secret, data) => {
        const ours = new WebCryptoSha256(secret);
        ours.update(data);
        expect(hex(await ours.digest())).toBe(createHmac("sha256", secret).update(data).digest("hex"));
      }),
      { numRuns: 200 },
    );
  });

  it("hashes only what a view shows, and starts over after reset()", async () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const hash = new WebCryptoSha256();
    hash.update(new Uint8Array(backing.buffer, 2, 3));
    expect(hex(await hash.digest())).toBe(createHash("sha256").update(Buffer.from([3, 4, 5])).digest("hex"));
    hash.reset();
    hash.update("abc");
    expect(hex(await hash.digest())).toBe(createHash("sha256").update("abc").digest("hex"));
  });

  it("says what to do where WebCrypto is missing (a page not served over https)", async () => {
    const subtle = jest.spyOn(globalThis.crypto, "subtle", "get").mockReturnValue(undefined as never);
    try {
      const error = await new WebCryptoSha256().digest().catch((e) => e);
      expect([error.name, error.code]).toEqual(["ConfigurationError", "MissingWebCrypto"]);
      expect(error.message).toMatch(/serve the page over https/);
    } finally {
      subtle.mockRestore();
    }
  });
});
