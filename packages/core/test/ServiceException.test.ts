import { ServiceException } from "@ssokit/core";

describe("ServiceException", () => {
  it("carries name, $fault, $metadata, message and cause, and hides $response", () => {
    const cause = new Error("root");
    const e = new ServiceException({ name: "Boom", $fault: "server", $metadata: { httpStatusCode: 500 }, message: "it broke", $response: { statusCode: 500 } as never, cause });
    expect([e.name, e.$fault, e.message, e.cause]).toEqual(["Boom", "server", "it broke", cause]);
    expect(e.$metadata).toEqual({ httpStatusCode: 500 });
    expect((e.$response as any).statusCode).toBe(500);
    expect(Object.keys(e)).toEqual(["$fault", "$retryable", "$metadata", "name"]);
  });

  it("recognises a service exception from another copy by its shape", () => {
    expect(ServiceException.isInstance({ name: "X", $fault: "client", $metadata: {} })).toBe(true);
    expect(ServiceException.isInstance(new Error("plain"))).toBe(false);
    expect(ServiceException.isInstance(null)).toBe(false);
  });
});
