import { InvalidResponseError, redirectMiddleware } from "@ssokit/core";

/** A transport that answers each request with the next scripted response and records where requests went. */
function transport(responses: { statusCode: number; headers: Record<string, string> }[]) {
  const seen: string[] = [];
  const next = async (args: any) => {
    const r = args.request;
    seen.push(`${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ""}${r.path}`);
    return { response: responses.shift()!, output: undefined };
  };
  return { seen, next };
}

const request = { method: "POST", protocol: "https:", hostname: "oidc.example", path: "/token", query: {}, headers: { a: "1" }, body: "{}" };

describe("redirectMiddleware", () => {
  it("follows relative and absolute locations, keeping method, headers and body", async () => {
    const t = transport([
      { statusCode: 308, headers: { location: "/v2/token" } },
      { statusCode: 301, headers: { location: "https://other.example:8443/final?x=1" } },
      { statusCode: 200, headers: {} },
    ]);
    const result = await redirectMiddleware({ maxRedirects: 5 })(t.next as any, {} as any)({ input: {}, request } as any);
    expect((result.response as any).statusCode).toBe(200);
    expect(t.seen).toEqual(["https://oidc.example/token", "https://oidc.example/v2/token", "https://other.example:8443/final"]);
  });

  it("refuses to follow https to plain http", async () => {
    const t = transport([{ statusCode: 302, headers: { location: "http://oidc.example/token" } }]);
    const e = await redirectMiddleware({ maxRedirects: 5 })(t.next as any, {} as any)({ input: {}, request } as any).catch((x) => x);
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.code).toBe("InsecureRedirect");
    expect(t.seen).toHaveLength(1);
  });

  it("returns a 3xx without a Location as it is", async () => {
    const t = transport([{ statusCode: 304, headers: {} }]);
    const result = await redirectMiddleware({ maxRedirects: 5 })(t.next as any, {} as any)({ input: {}, request } as any);
    expect((result.response as any).statusCode).toBe(304);
  });
});
