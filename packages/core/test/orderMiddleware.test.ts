import { constructStack } from "@smithy/middleware-stack";
import { createTrackedStack, orderMiddleware } from "@ssokit/core";

const steps = ["initialize", "serialize", "build", "finalizeRequest", "deserialize"] as const;
const priorities = ["high", "normal", "low"] as const;

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** Builds the same random stack twice and returns the order each way produces. */
function orders(seed: number) {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const a = constructStack<any, any>();
  const b = constructStack<any, any>();
  const names: string[] = [];
  const n = 1 + Math.floor(random() * 12);
  for (let i = 0; i < n; i++) {
    const name = `m${i}`;
    const mw = (next: any) => (args: any) => next({ ...args, trail: [...args.trail, name] });
    if (names.length > 0 && random() < 0.35) {
      const options = { name, relation: pick(["before", "after"] as const), toMiddleware: pick(names) };
      a.addRelativeTo(mw, options);
      b.addRelativeTo(mw, options);
    } else {
      const options = { name, step: pick(steps), priority: pick(priorities) } as any;
      a.add(mw, options);
      b.add(mw, options);
    }
    names.push(name);
  }
  const viaResolve = a.resolve((args: any) => Promise.resolve(args.trail), {} as any);
  let composed: any = (args: any) => Promise.resolve(args.trail);
  for (const f of orderMiddleware([b])) composed = f(composed, {});
  return Promise.all([viaResolve({ trail: [] } as any), composed({ trail: [] })]);
}

describe("orderMiddleware", () => {
  it("produces the order middleware-stack's resolve produces, for 300 random stacks", async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const [expected, actual] = await orders(seed);
      expect([seed, actual]).toEqual([seed, expected]);
    }
  });

  it("concatenates stacks as concat does: later stacks' entries after earlier ones of the same place", async () => {
    const first = constructStack<any, any>();
    const second = constructStack<any, any>();
    const tag = (t: string) => (next: any) => (args: any) => next({ trail: [...args.trail, t] });
    first.add(tag("first"), { step: "build", name: "first" });
    second.add(tag("second"), { step: "build", name: "second" });
    second.addRelativeTo(tag("beforeFirst"), { relation: "before", toMiddleware: "first", name: "bf" });
    let h: any = (args: any) => args.trail;
    for (const f of orderMiddleware([first, second])) h = f(h, {});
    expect(h({ trail: [] })).toEqual(["beforeFirst", "first", "second"]);
  });
});

describe("createTrackedStack", () => {
  it("is a working middleware stack whose identify() reflects every change", () => {
    const s = createTrackedStack<any, any>();
    const mw = (next: any) => next;
    s.add(mw, { name: "a", step: "build" });
    s.use({ applyToStack: (st) => st.add(mw, { name: "b", step: "initialize", tags: ["T"] }) });
    expect(s.identify()).toEqual(["b - initialize", "a - build"]);
    s.removeByTag("T");
    s.remove("a");
    expect(s.identify()).toEqual([]);
  });
});
