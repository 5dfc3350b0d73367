import { AbortError, InvalidResponseError, NetworkError, readBody } from "@ssokit/core";
import { Readable } from "node:stream";

const never = new AbortController().signal;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("readBody", () => {
  it("reads bytes, strings, Blobs, web streams and Node streams to the same bytes", async () => {
    const body = '{"a":1}';
    const sources = [
      new TextEncoder().encode(body),
      body,
      new Blob([body]),
      new Response(body).body,
      Readable.from([Buffer.from('{"a"'), Buffer.from(":1}")]),
    ];
    for (const source of sources) expect(text(await readBody(source, 1024, never, 200))).toBe(body);
  });

  it("returns no bytes for no body", async () => {
    expect(await readBody(undefined, 10, never, 204)).toHaveLength(0);
  });

  it("throws ResponseTooLarge past the limit, for every kind of body", async () => {
    const big = "x".repeat(2048);
    for (const source of [big, new Response(big).body, Readable.from([Buffer.from(big)])]) {
      const e = await readBody(source, 1000, never, 200).catch((x) => x);
      expect(e).toBeInstanceOf(InvalidResponseError);
      expect(e.code).toBe("ResponseTooLarge");
      expect(e.$metadata.httpStatusCode).toBe(200);
    }
  });

  it("throws NetworkError ECONNRESET when a Node stream errors or closes before its end", async () => {
    const broken = new Readable({ read() {} });
    broken.push("{");
    setTimeout(() => broken.destroy(new Error("aborted")), 5);
    const e = await readBody(broken, 1024, never, 200).catch((x) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.code).toBe("ECONNRESET");
  });

  it("throws AbortError and destroys the stream when the signal aborts mid-body", async () => {
    const stalled = new Readable({ read() {} });
    stalled.push("{");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const e = await readBody(stalled, 1024, controller.signal, 200).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(stalled.destroyed).toBe(true);
  });
});
