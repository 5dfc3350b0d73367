import { AbortError, InvalidResponseError, NetworkError, readBody, readNodeBody } from "@ssokit/core";
import { Readable } from "node:stream";

const never = new AbortController().signal;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("readBody", () => {
  it("reads bytes, strings, Blobs and web streams to the same bytes", async () => {
    const body = '{"a":1}';
    for (const source of [new TextEncoder().encode(body), body, new Blob([body]), new Response(body).body]) {
      expect(text(await readBody(source, 1024, never, 200))).toBe(body);
    }
  });

  it("returns no bytes for no body", async () => {
    expect(await readBody(undefined, 10, never, 204)).toHaveLength(0);
  });

  it("throws ResponseTooLarge past the limit", async () => {
    const big = "x".repeat(2048);
    for (const source of [big, new Response(big).body, new Blob([big])]) {
      const e = await readBody(source, 1000, never, 200).catch((x) => x);
      expect(e).toBeInstanceOf(InvalidResponseError);
      expect(e.code).toBe("ResponseTooLarge");
      expect(e.$metadata.httpStatusCode).toBe(200);
    }
  });

  it("throws AbortError when the signal aborts while a web stream is read", async () => {
    const stream = new ReadableStream({ start: (c) => c.enqueue(new Uint8Array([123])) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const e = await readBody(stream, 1024, controller.signal, 200).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
  });
});

describe("readNodeBody", () => {
  it("reads a Node stream, and hands anything else to readBody", async () => {
    expect(text(await readNodeBody(Readable.from([Buffer.from('{"a"'), Buffer.from(":1}")]), 1024, never, 200))).toBe('{"a":1}');
    expect(text(await readNodeBody("plain", 1024, never, 200))).toBe("plain");
  });

  it("throws ResponseTooLarge past the limit and destroys the stream", async () => {
    const stream = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    const e = await readNodeBody(stream, 1000, never, 200).catch((x) => x);
    expect(e.code).toBe("ResponseTooLarge");
    expect(stream.destroyed).toBe(true);
  });

  it("throws NetworkError ECONNRESET when the stream errors or closes before its end", async () => {
    const broken = new Readable({ read() {} });
    broken.push("{");
    setTimeout(() => broken.destroy(new Error("aborted")), 5);
    const e = await readNodeBody(broken, 1024, never, 200).catch((x) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.code).toBe("ECONNRESET");
    const closed = new Readable({ read() {} });
    closed.push("{");
    setTimeout(() => closed.destroy(), 5);
    expect((await readNodeBody(closed, 1024, never, 200).catch((x) => x)).code).toBe("ECONNRESET");
  });

  it("throws AbortError and destroys the stream when the signal aborts mid-body", async () => {
    const stalled = new Readable({ read() {} });
    stalled.push("{");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const e = await readNodeBody(stalled, 1024, controller.signal, 200).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(stalled.destroyed).toBe(true);
  });
});
