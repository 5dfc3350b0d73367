// jose is ESM-only, and this package is built as CommonJS too: a dynamic import() loads it in both builds (Node
// runs import() of an ES module from CommonJS), and only when a JWT is first handled, so a service that never sees
// one never loads it.
let jose: Promise<typeof import("jose")> | undefined;

/** The jose module, loaded once, on first use. */
export const loadJose = (): Promise<typeof import("jose")> => (jose ??= import("jose"));
