import { CreateTokenCommand, SSOOIDCClient } from "@ssokit/client-sso-oidc";
import { json, startServer, type TestServer } from "./support/testServer";

let server: TestServer;
const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { accessToken: "at" }));
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const newClient = () => new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });

/** The whole chain of a sent CreateToken with the default middleware, as identify() prints it. */
const DEFAULT_CHAIN = [
  "loggerMiddleware - initialize",
  "endpointV2Middleware - serialize",
  "serializerMiddleware - serialize",
  "getUserAgentMiddleware - build",
  "retryMiddleware - finalizeRequest",
  "deserializerMiddleware - deserialize",
];

/** A v3-style middleware that appends `letter` to a header, written exactly as for @aws-sdk clients. */
const append =
  (letter: string) =>
  (next: any, _context: any) =>
  async (args: any) => {
    if (args.request) args.request.headers["x-order"] = (args.request.headers["x-order"] ?? "") + letter;
    else args.input.__order = (args.input.__order ?? "") + letter;
    return next(args);
  };

describe("client.middlewareStack", () => {
  it("runs a v3-style middleware at every step, each leaving a mark the server sees", async () => {
    const client = newClient();
    // Before the serializer there is no request yet: initialize marks the input, the rest set a header.
    client.middlewareStack.add(
      (next: any) => (args: any) => next({ ...args, input: { ...args.input, clientId: `${args.input.clientId}+initialize` } }),
      { step: "initialize", name: "initializeMark" },
    );
    const header = (name: string) => (next: any) => (args: any) => {
      args.request.headers[name] = "1";
      return next(args);
    };
    client.middlewareStack.add(header("x-serialize"), { step: "serialize", priority: "low", name: "serializeMark" });
    client.middlewareStack.add(header("x-build"), { step: "build", name: "buildMark" });
    client.middlewareStack.add(header("x-finalize"), { step: "finalizeRequest", name: "finalizeMark" });
    client.middlewareStack.add(header("x-deserialize"), { step: "deserialize", name: "deserializeMark" });
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    const h = server.requests[0].headers;
    expect(JSON.parse(server.requests[0].body).clientId).toBe("c+initialize");
    expect([h["x-serialize"], h["x-build"], h["x-finalize"], h["x-deserialize"]]).toEqual(["1", "1", "1", "1"]);
  });

  it("orders middleware by step, priority and relation, the default ones included", async () => {
    const client = newClient();
    client.middlewareStack.add(append("D"), { step: "finalizeRequest", name: "d" });
    client.middlewareStack.add(append("A"), { step: "build", priority: "high", name: "a" });
    client.middlewareStack.add(append("C"), { step: "build", priority: "low", name: "c" });
    client.middlewareStack.add(append("B"), { step: "build", name: "b" });
    client.middlewareStack.addRelativeTo(append("R"), { relation: "before", toMiddleware: "retryMiddleware", name: "beforeRetry" });
    client.middlewareStack.addRelativeTo(append("S"), { relation: "after", toMiddleware: "retryMiddleware", name: "afterRetry" });
    client.middlewareStack.add(append("E"), { step: "deserialize", name: "e" });
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    expect(server.requests[0].headers["x-order"]).toBe("ABCRSDE");
  });

  it("lists the defaults in execution order, with their v3 names and steps, the serde on the client's stack as in v3", () => {
    const client = newClient();
    expect(client.middlewareStack.identify()).toEqual([
      "loggerMiddleware - initialize",
      "serializerMiddleware - serialize",
      "getUserAgentMiddleware - build",
      "retryMiddleware - finalizeRequest",
      "deserializerMiddleware - deserialize",
    ]);
    client.destroy();
  });

  it("puts a middleware added at serialize after the serializer, so it sees the request, as v3 does", async () => {
    const client = newClient();
    let seen = "";
    client.middlewareStack.add((next: any, context: any) => (args: any) => ((seen = `${args.request?.path}:${context.endpointV2?.url?.host}`), next(args)), {
      step: "serialize",
      name: "afterSerializer",
    });
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    expect(seen).toBe(`/token:${new URL(server.url).host}`);
  });

  it("puts a middleware added at deserialize inside the deserializer: the raw response, no output, nothing thrown for a service error", async () => {
    let status = 200;
    const errorServer = await startServer((_req, res) =>
      status === 200 ? json(res, 200, { accessToken: "at" }) : json(res, 400, { error: "invalid_grant", error_description: "no" }, { "x-amzn-errortype": "InvalidGrantException" }),
    );
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: errorServer.url, maxAttempts: 1 });
    const seen: string[] = [];
    client.middlewareStack.add(
      (next: any) => async (args: any) => {
        try {
          const { response, output } = await next(args);
          seen.push(`${response.statusCode} ${response.constructor.name} output:${output !== undefined}`);
          return { response, output };
        } catch (e: any) {
          seen.push(`threw ${e.name}`);
          throw e;
        }
      },
      { step: "deserialize", name: "errorLogger" },
    );
    const ok = await client.send(new CreateTokenCommand({ ...input }));
    status = 400;
    const error = await client.send(new CreateTokenCommand({ ...input })).catch((e) => e);
    client.destroy();
    await errorServer.close();
    expect([ok.accessToken, error.name]).toEqual(["at", "InvalidGrantException"]);
    expect(seen).toEqual(["200 HttpResponse output:false", "400 HttpResponse output:false"]);
  });

  it("places endpointV2Middleware before serializerMiddleware and deserializerMiddleware innermost, as the chain runs", async () => {
    const client = newClient();
    const seen: string[] = [];
    const probe = (label: string) => (next: any, context: any) => async (args: any) => {
      seen.push(`${label}:${context.endpointV2 ? "endpoint" : "-"}:${args.request ? "request" : "-"}`);
      return next(args);
    };
    client.middlewareStack.addRelativeTo(probe("beforeEndpoint"), { relation: "before", toMiddleware: "endpointV2Middleware", name: "p1" });
    client.middlewareStack.addRelativeTo(probe("beforeSerializer"), { relation: "before", toMiddleware: "serializerMiddleware", name: "p2" });
    client.middlewareStack.addRelativeTo(probe("afterSerializer"), { relation: "after", toMiddleware: "serializerMiddleware", name: "p3" });
    client.middlewareStack.addRelativeTo(probe("afterDeserializer"), { relation: "after", toMiddleware: "deserializerMiddleware", name: "p4" });
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    // Both the endpoint middleware and p2 sit "before serializerMiddleware"; the client's own entry comes first, as in v3.
    expect(seen).toEqual(["beforeSerializer:-:-", "beforeEndpoint:-:-", "afterSerializer:endpoint:request", "afterDeserializer:endpoint:request"]);
  });

  it("applies a middleware added after the first send, and stops applying one removed", async () => {
    const client = newClient();
    await client.send(new CreateTokenCommand({ ...input }));
    const mw = append("X");
    client.middlewareStack.add(mw, { step: "build", name: "late" });
    await client.send(new CreateTokenCommand({ ...input }));
    client.middlewareStack.remove("late");
    await client.send(new CreateTokenCommand({ ...input }));
    client.middlewareStack.add(mw, { step: "build", name: "again", tags: ["T"] });
    await client.send(new CreateTokenCommand({ ...input }));
    client.middlewareStack.removeByTag("T");
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    expect(server.requests.map((r) => r.headers["x-order"] ?? "")).toEqual(["", "X", "", "X", ""]);
  });

  it("gives each call a fresh context, so per-call state kept there does not leak", async () => {
    const client = newClient();
    const contexts = new Set<object>();
    client.middlewareStack.add(
      (next: any, context: any) => async (args: any) => {
        contexts.add(context);
        expect(context.mine).toBeUndefined();
        context.mine = true;
        return next(args);
      },
      { step: "initialize", name: "ctx" },
    );
    await Promise.all([1, 2, 3].map(() => client.send(new CreateTokenCommand({ ...input }))));
    client.destroy();
    expect(contexts.size).toBe(3);
  });

  it("passes clientName, commandName, logger and redacting filters in the context", async () => {
    const client = newClient();
    let ctx: any;
    client.middlewareStack.add((next: any, context: any) => (args: any) => ((ctx = context), next(args)), { step: "initialize", name: "grab" });
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    expect(ctx.clientName).toBe("SSOOIDCClient");
    expect(ctx.commandName).toBe("CreateTokenCommand");
    expect(ctx.logger).toBe(client.config.logger);
    expect(ctx.inputFilterSensitiveLog({ clientSecret: "x", clientId: "c" })).toEqual({ clientSecret: "***SensitiveInformation***", clientId: "c" });
  });

  it("can replace a default middleware by name with override", async () => {
    const client = newClient();
    client.middlewareStack.add(
      (next: any) => (args: any) => {
        args.request.headers["x-amz-user-agent"] = "mine";
        return next(args);
      },
      { step: "build", priority: "low", name: "getUserAgentMiddleware", override: true },
    );
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    expect(server.requests[0].headers["x-amz-user-agent"]).toBe("mine");
    expect(server.requests[0].headers["user-agent"]).toBeUndefined();
  });
});

describe("command.middlewareStack", () => {
  it("runs middleware added to one command only for that command", async () => {
    const client = newClient();
    const special = new CreateTokenCommand({ ...input });
    special.middlewareStack.add(append("Q"), { step: "build", name: "q" });
    await client.send(special);
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    expect(server.requests.map((r) => r.headers["x-order"] ?? "")).toEqual(["Q", ""]);
  });

  it("holds the command's own middleware once sent, so concat lists the whole chain as v3's does; empty before", async () => {
    const client = newClient();
    const command = new CreateTokenCommand({ ...input });
    const chain = () => client.middlewareStack.concat(command.middlewareStack).identify();
    const before = chain();
    await client.send(command);
    expect(before).toEqual(client.middlewareStack.identify());
    expect(chain()).toEqual(DEFAULT_CHAIN);
    // A stack read after the send holds the endpoint too, and sending again from it works as before.
    const later = new CreateTokenCommand({ ...input });
    await client.send(later);
    expect(later.middlewareStack.identify()).toEqual([]);
    expect(client.middlewareStack.concat(later.middlewareStack).identify()).toEqual(chain());
    await client.send(later);
    await client.send(command);
    client.destroy();
    expect(server.requests.map((r) => r.url)).toEqual(["/token", "/token", "/token", "/token"]);
  });

  it("keeps the endpoint in a command's stack that has middleware of its own, and runs that middleware once", async () => {
    const client = newClient();
    const command = new CreateTokenCommand({ ...input });
    command.middlewareStack.add(append("Q"), { step: "build", name: "q" });
    await client.send(command);
    await client.send(command);
    client.destroy();
    expect(client.middlewareStack.concat(command.middlewareStack).identify()).toContain("endpointV2Middleware - serialize");
    expect(server.requests.map((r) => r.headers["x-order"])).toEqual(["Q", "Q"]);
  });

  it("can short-circuit the call from initialize without touching the network", async () => {
    const client = newClient();
    const command = new CreateTokenCommand({ ...input });
    command.middlewareStack.add((() => async () => ({ output: { accessToken: "cached", $metadata: {} } })) as any, { step: "initialize", name: "cache" });
    const out = await client.send(command);
    client.destroy();
    expect(out.accessToken).toBe("cached");
    expect(server.requests).toHaveLength(0);
  });
});

describe("identifyOnResolve", () => {
  it("still sends correctly when the stack is asked to print its order", async () => {
    const client = newClient();
    const log = jest.spyOn(console, "log").mockImplementation(() => {});
    client.middlewareStack.identifyOnResolve(true);
    await client.send(new CreateTokenCommand({ ...input }));
    client.destroy();
    const printed = log.mock.calls[0][0] as string[];
    log.mockRestore();
    expect(printed).toEqual(DEFAULT_CHAIN);
    expect(server.requests).toHaveLength(1);
  });
});
