import { SSOOIDC } from "@ssokit/client-sso-oidc/v2";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { readmeTable } from "./support/intendedDifferences";
import { INTENDED_DIFFERENCES, normalize } from "./v2Differential/intendedDifferences";
import * as programs from "./v2Differential/programs";
import type { ProgramEnv, Sdk } from "./v2Differential/programs";

// The side-by-side test against the AWS SDK v2: each program in ./v2Differential/programs runs twice against the
// local service, once with the real `aws-sdk` v2's AWS.SSOOIDC and once with ours (only the class changes), and
// what each observed (events, their order and arguments, outcomes, calls the service received) must be the same,
// but for the differences listed, with their reasons, in ./v2Differential/intendedDifferences.

let service: LocalServer;
let v2: Sdk;
const ours: Sdk = { SSOOIDC };

beforeAll(async () => {
  // Loaded here, after its end-of-support notice is turned off.
  require("aws-sdk/lib/maintenance_mode_message").suppress = true;
  v2 = { SSOOIDC: require("aws-sdk/clients/ssooidc") };
  service = await startLocalServer();
});

afterAll(() => service.close());

describe("v2 programs, with the aws-sdk v2 and with ours", () => {
  it.each(Object.keys(programs).filter((name) => typeof (programs as any)[name] === "function"))("%s observes the same", async (name) => {
    const program = (programs as any)[name] as (sdk: Sdk, env: ProgramEnv) => Promise<unknown>;
    const withV2 = await program(v2, { service });
    const withOurs = await program(ours, { service });
    expect(normalize(withOurs, "ours")).toEqual(normalize(withV2, "v2"));
  });
});

describe("the intended differences", () => {
  it("are the rows of the README's table, word for word, each with its reason", () => {
    const table = readmeTable("### Where it differs from v2 on purpose", "| what | here | v2 | why |");
    expect(table).toEqual(INTENDED_DIFFERENCES.map((d) => [d.what, d.ours, d.v2, d.why]));
    for (const d of INTENDED_DIFFERENCES) expect(d.why.length).toBeGreaterThan(40);
  });
});
