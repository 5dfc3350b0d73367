import { normalizeProvider } from "@ssokit/core";

describe("normalizeProvider", () => {
  it("returns a provider of a plain value, and a provider as it is", async () => {
    expect(await normalizeProvider("us-east-1")()).toBe("us-east-1");
    const provider = async () => "eu-west-1";
    expect(normalizeProvider(provider)).toBe(provider);
  });

  it("gives every caller the same provider for undefined and for false, so default settings cost no memory per client", async () => {
    expect(normalizeProvider(undefined)).toBe(normalizeProvider(undefined));
    expect(normalizeProvider(false)).toBe(normalizeProvider(false));
    expect([await normalizeProvider(undefined)(), await normalizeProvider(false)()]).toEqual([undefined, false]);
    expect(normalizeProvider(true)).not.toBe(normalizeProvider(true));
  });
});
