import { Credentials, Endpoint, SSOOIDC } from "@ssokit/client-sso-oidc/v2";
import { startLocalServer, type LocalServer } from "@ssokit/sso-oidc-local";
import { readFileSync } from "node:fs";
import { startIamService, type IamService } from "./support/iamService";
import { readmeTable } from "./support/intendedDifferences";
import { INTENDED_DIFFERENCES, normalize } from "./v2Differential/intendedDifferences";
import type { ProgramEnv, Sdk } from "./v2Differential/observe";
import * as requestPrograms from "./v2Differential/programs";
import * as servicePrograms from "./v2Differential/servicePrograms";
import * as signedPrograms from "./v2Differential/signedPrograms";

// The side-by-side test against the AWS SDK v2: each program in ./v2Differential/programs runs twice against the
// local service, once with the real `aws-sdk` v2's AWS.SSOOIDC and once with ours (only the class changes), and
// what each observed (events, their order and arguments, outcomes, calls the service received) must be the same,
// but for the differences listed, with their reasons, in ./v2Differential/intendedDifferences.

let service: LocalServer;
let iam: IamService;
let v2: Sdk;
let ours: Sdk;

beforeAll(async () => {
  // Loaded here, after its end-of-support notice is turned off.
  require("aws-sdk/lib/maintenance_mode_message").suppress = true;
  const AWS = require("aws-sdk/lib/core");
  v2 = { SSOOIDC: require("aws-sdk/clients/ssooidc"), Endpoint: AWS.Endpoint, Credentials: AWS.Credentials, CredentialProviderChain: AWS.CredentialProviderChain };
  // This SDK has no chain class of its own: v2 code keeps building its chains with the aws-sdk's, which it takes.
  ours = { SSOOIDC, Endpoint, Credentials, CredentialProviderChain: AWS.CredentialProviderChain };
  [service, iam] = await Promise.all([startLocalServer(), startIamService()]);
});

afterAll(() => Promise.all([service.close(), iam.close()]));

const programs: Record<string, (sdk: Sdk, env: ProgramEnv) => Promise<unknown>> = { ...requestPrograms, ...servicePrograms, ...signedPrograms };

describe("v2 programs, with the aws-sdk v2 and with ours", () => {
  it.each(Object.keys(programs))("%s observes the same", async (name) => {
    const program = programs[name];
    const withV2 = await program(v2, { service, iam });
    const withOurs = await program(ours, { service, iam });
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

describe("the README's migration tables", () => {
  /** The names in backticks in the first column of a table of the v2 options section. */
  const named = (header: string) =>
    readmeTable("### Options, methods and properties of `AWS.SSOOIDC`", header).flatMap(([cell]) => [...cell.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].match(/\w+/g)!));
  const declared = (file: string, pattern: RegExp) => [...readFileSync(require.resolve(`aws-sdk/${file}`), "utf8").matchAll(pattern)].map((m) => m[1]);

  it("have a row for every option of the aws-sdk's AWS.SSOOIDC", () => {
    const AWS = require("aws-sdk/lib/core");
    // AWS.Config's keys, and the options it takes apart (the keys, bound params).
    const options = [...Object.keys(AWS.Config.prototype.keys), "accessKeyId", "secretAccessKey", "sessionToken", "params"];
    expect(options.length).toBeGreaterThan(35);
    expect(named("| v2 option | here | AWS SDK v3 |")).toEqual(expect.arrayContaining(options));
  });

  it("have a row for every method and property of AWS.SSOOIDC and of the AWS.Service it extends", () => {
    const service = declared("lib/service.d.ts", /^ {4}(\w+)[(:]/gm).filter((name) => name !== "constructor");
    const operations = declared("clients/ssooidc.d.ts", /^ {2}(\w+)\(params/gm);
    expect(new Set(operations)).toEqual(new Set(["createToken", "createTokenWithIAM", "registerClient", "startDeviceAuthorization"]));
    expect(service).toEqual(expect.arrayContaining(["makeRequest", "makeUnauthenticatedRequest", "setupRequestListeners", "waitFor", "endpoint", "config"]));
    expect(named("| v2 | here | AWS SDK v3 |")).toEqual(expect.arrayContaining([...service, ...operations]));
  });
});
