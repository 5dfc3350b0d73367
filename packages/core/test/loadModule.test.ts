import { loadModule, NetworkError } from "@ssokit/core";

describe("loadModule", () => {
  it("returns the module the loader gives", async () => {
    const module = { answer: 42 };
    await expect(loadModule(async () => module, "the answer")).resolves.toBe(module);
  });

  it("turns a failed load into a NetworkError ModuleLoadError that names what could not be loaded", async () => {
    const cause = new TypeError("Failed to fetch dynamically imported module: /assets/errorResponse-x1.js");
    const error: any = await loadModule(() => Promise.reject(cause), "the error parser").catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect([error.name, error.code, error.cause]).toEqual(["NetworkError", "ModuleLoadError", cause]);
    expect(error.message).toBe(
      "Could not load the error parser (Failed to fetch dynamically imported module: /assets/errorResponse-x1.js); check the network and retry.",
    );
  });
});
