/**
 * A v4 UUID from `crypto.getRandomValues`, for pages without `crypto.randomUUID` (which browsers offer in secure
 * contexts only): a chunk of its own, loaded by such a page's first call.
 */
export const uuidV4 = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b, i) => ((i === 6 ? (b & 15) | 64 : i === 8 ? (b & 63) | 128 : b) + 256).toString(16).slice(1))
    .join("")
    .replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
