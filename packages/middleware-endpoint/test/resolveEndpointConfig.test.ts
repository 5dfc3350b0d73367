import { ConfigurationError } from "@ssokit/core";
import { endpointUrl, resolveEndpointConfig } from "@ssokit/middleware-endpoint";

describe("resolveEndpointConfig", () => {
  it("passes the rule parameters to the endpoint provider", async () => {
    const provider = jest.fn(() => ({ url: new URL("https://x.example") }));
    const config = resolveEndpointConfig({ region: "eu-west-3", useFipsEndpoint: true, endpointProvider: provider });
    await config.resolveEndpoint();
    expect(provider).toHaveBeenCalledWith({ Region: "eu-west-3", UseFIPS: true, UseDualStack: false, Endpoint: undefined });
  });

  it("does not cache a failure: the next call runs the rules again", async () => {
    let fail = true;
    const provider = jest.fn(() => {
      if (fail) throw new ConfigurationError("X", "x");
      return { url: new URL("https://x.example") };
    });
    const config = resolveEndpointConfig({ region: "eu-west-3", endpointProvider: provider });
    await expect(config.resolveEndpoint()).rejects.toBeInstanceOf(ConfigurationError);
    fail = false;
    await expect(config.resolveEndpoint()).resolves.toEqual({ url: new URL("https://x.example") });
    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe("endpointUrl", () => {
  it("turns each accepted form into a URL string", () => {
    expect(endpointUrl("http://localhost:8080/base")).toBe("http://localhost:8080/base");
    expect(endpointUrl(new URL("https://a.example/p"))).toBe("https://a.example/p");
    expect(endpointUrl({ url: new URL("https://b.example") })).toBe("https://b.example/");
    expect(endpointUrl({ protocol: "http", hostname: "c.example", port: 81, path: "/q" })).toBe("http://c.example:81/q");
  });

  it("throws InvalidEndpoint for what is not an http(s) URL", () => {
    expect(() => endpointUrl("c.example")).toThrow(ConfigurationError);
    expect(() => endpointUrl("file:///etc/passwd")).toThrow(/is not an http\(s\) URL/);
  });
});
