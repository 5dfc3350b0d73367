import { normalizeProvider } from "@ssokit/core";

describe("normalizeProvider", () => {
  it("returns a provider of a plain value, and a provider as it is", async () => {
    expect(await normalizeProvider("us-east-1")()).toBe("us-east-1");
    const provider = async () => "eu-west-1";
    expect(normalizeProvider(provider)).toBe(provider);
  });

  it("gives every caller the same provider for the same primitive value, so shared settings cost no memory per client", async () => {
    for (const value of [undefined, false, true, "us-east-1", 3, null]) {
      expect([value, normalizeProvider(value) === normalizeProvider(value), await normalizeProvider(value)()]).toEqual([value, true, value]);
    }
  });

  it("makes a provider per object, which its holder may change", async () => {
    const endpoint = { url: new URL("https://example.test") };
    expect(normalizeProvider(endpoint)).not.toBe(normalizeProvider(endpoint));
    expect(await normalizeProvider(endpoint)()).toBe(endpoint);
  });

  it("stops sharing after the first few values, so that many distinct values cannot grow the table without end", () => {
    const values = Array.from({ length: 100 }, (_, i) => `https://host-${i}.example.test`);
    for (const v of values) normalizeProvider(v);
    expect(normalizeProvider(values[99])).not.toBe(normalizeProvider(values[99]));
  });
});
