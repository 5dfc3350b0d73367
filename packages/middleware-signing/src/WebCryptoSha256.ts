import type { Checksum, SourceData } from "@smithy/types";
import { ConfigurationError } from "@ssokit/core";

const bytes = (data: SourceData): Uint8Array<ArrayBuffer> =>
  typeof data === "string"
    ? new TextEncoder().encode(data)
    : // A copy: WebCrypto takes only bytes over an ArrayBuffer (not a SharedArrayBuffer), and the caller keeps its own.
      new Uint8Array(ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));

/**
 * SHA-256, and HMAC-SHA-256 when constructed with a secret, over WebCrypto (`crypto.subtle`): the hash
 * `@smithy/signature-v4` takes. WebCrypto is in Node 20 and in every browser page served over https, so the one
 * class serves both runtimes and no hashing package is needed.
 */
export class WebCryptoSha256 implements Checksum {
  private chunks: Uint8Array<ArrayBuffer>[] = [];

  constructor(private readonly secret?: SourceData) {}

  update(data: Uint8Array | SourceData): void {
    this.chunks.push(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new ConfigurationError("MissingWebCrypto", "Signing needs WebCrypto (crypto.subtle), which browsers give only to https pages: serve the page over https.");
    const data = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    this.chunks.reduce((offset, c) => (data.set(c, offset), offset + c.length), 0);
    if (this.secret === undefined) return new Uint8Array(await subtle.digest("SHA-256", data));
    const key = await subtle.importKey("raw", bytes(this.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await subtle.sign("HMAC", key, data));
  }

  reset(): void {
    this.chunks = [];
  }
}
