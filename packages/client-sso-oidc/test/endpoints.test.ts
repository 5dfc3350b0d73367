import { ConfigurationError, CreateTokenCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import type { HttpRequest } from "@smithy/protocol-http";
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface EndpointCase {
  documentation: string;
  params: { Region?: string; UseFIPS?: boolean; UseDualStack?: boolean; Endpoint?: string };
  expect: { url?: string; error?: string };
}

const cases: EndpointCase[] = JSON.parse(readFileSync(join(__dirname, "../../../model/endpoint-tests.json"), "utf8"));

/** A request handler that records where the request would go and answers without any network. */
function recorder() {
  const seen: HttpRequest[] = [];
  return {
    seen,
    handler: {
      handle: async (request: HttpRequest) => {
        seen.push(request);
        const { HttpResponse } = await import("@smithy/protocol-http");
        return { response: new HttpResponse({ statusCode: 200, headers: {}, body: new TextEncoder().encode("{}") }) };
      },
    },
  };
}

const urlOf = (r: HttpRequest) => `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}${r.path === "/token" ? "" : r.path}`;

describe("endpoint resolution", () => {
  it("has the 40 official cases", () => {
    expect(cases).toHaveLength(40);
  });

  it.each(cases.map((c, i) => [i + 1, c.documentation, c] as const))("case %i: %s", async (_n, _doc, c) => {
    const rec = recorder();
    const client = new SSOOIDCClient({
      region: c.params.Region,
      useFipsEndpoint: c.params.UseFIPS,
      useDualstackEndpoint: c.params.UseDualStack,
      endpoint: c.params.Endpoint,
      requestHandler: rec.handler,
    });
    const result = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" })).then(
      () => undefined,
      (e) => e,
    );
    if (c.expect.url !== undefined) {
      expect(result).toBeUndefined();
      expect(rec.seen).toHaveLength(1);
      expect(urlOf(rec.seen[0])).toBe(c.expect.url);
      expect(rec.seen[0].path).toBe("/token");
    } else {
      expect(result).toBeInstanceOf(ConfigurationError);
      expect(result.message.startsWith(c.expect.error!)).toBe(true);
      expect(rec.seen).toHaveLength(0);
    }
  });
});

describe("custom endpoints", () => {
  it("keeps a base path and a port of the custom endpoint", async () => {
    const rec = recorder();
    const client = new SSOOIDCClient({ endpoint: "http://localhost:4566/oidc/", requestHandler: rec.handler });
    await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }));
    expect(rec.seen[0].hostname).toBe("localhost");
    expect(rec.seen[0].port).toBe(4566);
    expect(rec.seen[0].path).toBe("/oidc/token");
    expect(rec.seen[0].protocol).toBe("http:");
  });

  it("accepts a URL object, an endpoint object and a provider, as v3 does", async () => {
    for (const endpoint of [
      new URL("https://a.example"),
      { protocol: "https", hostname: "a.example", path: "/" },
      async () => "https://a.example",
    ]) {
      const rec = recorder();
      const client = new SSOOIDCClient({ endpoint: endpoint as never, requestHandler: rec.handler });
      await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }));
      expect(urlOf(rec.seen[0])).toBe("https://a.example");
    }
  });

  it("rejects an endpoint that is not an http(s) URL with a ConfigurationError naming it", async () => {
    for (const [endpoint, code] of [["not a url", "InvalidEndpoint"], ["ftp://x.example", "InvalidEndpoint"]]) {
      const client = new SSOOIDCClient({ endpoint, requestHandler: recorder().handler });
      const e = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" })).catch((x) => x);
      expect(e).toBeInstanceOf(ConfigurationError);
      expect(e.code).toBe(code);
      expect(e.message).toContain(JSON.stringify(endpoint));
    }
  });

  it("rejects a region that is not a host label, instead of sending the request elsewhere", async () => {
    const rec = recorder();
    const client = new SSOOIDCClient({ region: "evil.example/x", requestHandler: rec.handler });
    const e = await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" })).catch((x) => x);
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.code).toBe("InvalidRegion");
    expect(rec.seen).toHaveLength(0);
  });

  it("resolves a region it has never heard of in the aws partition", async () => {
    const rec = recorder();
    const client = new SSOOIDCClient({ region: "xx-future-9", requestHandler: rec.handler });
    await client.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }));
    expect(urlOf(rec.seen[0])).toBe("https://oidc.xx-future-9.amazonaws.com");
  });

  it("runs the endpoint rules once for a client with plain settings, and per call for a provider", async () => {
    const provider = jest.fn((params) => ({ url: new URL(`https://${params.Region}.rules.example`) }));
    const plain = new SSOOIDCClient({ region: "eu-west-1", endpointProvider: provider, requestHandler: recorder().handler });
    for (let i = 0; i < 3; i++) await plain.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }));
    expect(provider).toHaveBeenCalledTimes(1);
    let n = 0;
    const rec = recorder();
    const dynamic = new SSOOIDCClient({ region: async () => `r${++n}`, endpointProvider: provider, requestHandler: rec.handler });
    for (let i = 0; i < 3; i++) await dynamic.send(new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "g" }));
    expect(rec.seen.map((r) => r.hostname)).toEqual(["r1.rules.example", "r2.rules.example", "r3.rules.example"]);
  });

  it("exposes region and endpoint settings as providers in client.config, as v3 does", async () => {
    const client = new SSOOIDCClient({ region: "ap-south-1", useFipsEndpoint: true });
    expect(await client.config.region()).toBe("ap-south-1");
    expect(await client.config.useFipsEndpoint()).toBe(true);
    expect(await client.config.useDualstackEndpoint()).toBe(false);
    expect((await client.config.resolveEndpoint()).url.href).toBe("https://oidc-fips.ap-south-1.amazonaws.com/");
    client.destroy();
  });
});
