import { redact, scrub, secretValues, SENSITIVE_STRING } from "@ssokit/core";

const names = new Set(["secret", "token"]);

describe("redact", () => {
  it("masks named members at any depth and in arrays, leaving the input untouched", () => {
    const input = { id: 1, secret: "s", nested: { token: "t", keep: "k" }, list: [{ token: "t2" }], nil: null };
    const out = redact(input, names);
    expect(out).toEqual({ id: 1, secret: SENSITIVE_STRING, nested: { token: SENSITIVE_STRING, keep: "k" }, list: [{ token: SENSITIVE_STRING }], nil: null });
    expect(input.secret).toBe("s");
  });

  it("keeps undefined and null sensitive members as they are", () => {
    expect(redact({ secret: undefined, token: null }, names)).toEqual({ secret: undefined, token: null });
  });

  it("stops at depth 8 instead of recursing forever on a cycle", () => {
    const a: any = { secret: "s" };
    a.self = a;
    expect(JSON.stringify(redact(a, names))).not.toContain('"s"');
  });
});

describe("secretValues and scrub", () => {
  it("collects sensitive strings and replaces every occurrence in text", () => {
    const secrets = secretValues({ secret: "abcd", nested: { token: "wxyz" }, other: "abcd-not" }, names);
    expect(secrets).toEqual(["abcd", "wxyz"]);
    expect(scrub("abcd and wxyz and abcd", secrets)).toBe(`${SENSITIVE_STRING} and ${SENSITIVE_STRING} and ${SENSITIVE_STRING}`);
  });

  it("leaves values shorter than 4 characters, which would mask letters of ordinary words", () => {
    expect(scrub("InvalidClientException: server", ["s", "er", "ion"])).toBe("InvalidClientException: server");
  });
});
