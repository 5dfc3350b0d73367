import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSsoConfigError, listSsoSessions, readSsoConfig, type SsoConfigError } from "@ssokit/sso-login/config";

let dir: string;
let configFile: string;
const saved = { AWS_PROFILE: process.env.AWS_PROFILE, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };

const CONFIG = `
# comments and blank lines are fine
[default]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly

[profile dev]
sso_session = corp
sso_account_id = 444455556666
sso_role_name = Developer
region = eu-west-1

[profile legacy]
sso_start_url = https://d-legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 777788889999
sso_role_name = Admin

[profile keys]
aws_access_key_id = AKIAEXAMPLE

[profile half-legacy]
sso_start_url = https://d-legacy.awsapps.com/start

[profile repeats]
sso_session = corp
sso_start_url = https://d-corp.awsapps.com/start

[profile disagrees]
sso_session = corp
sso_region = us-east-2

[profile lost]
sso_session = nowhere

[sso-session corp]
sso_start_url = https://d-corp.awsapps.com/start
sso_region = eu-central-1
sso_registration_scopes = sso:account:access, codewhisperer:completions

[sso-session no-region]
sso_start_url = https://d-corp.awsapps.com/start
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ssokit-config-"));
  configFile = join(dir, "config");
  writeFileSync(configFile, CONFIG);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const failure = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error("expected a failure")), (e: SsoConfigError) => e);

describe("readSsoConfig", () => {
  it("returns a profile's sso-session settings, with its account and role", async () => {
    expect(await readSsoConfig({ profile: "dev", configFile })).toEqual({
      sessionName: "corp",
      startUrl: "https://d-corp.awsapps.com/start",
      region: "eu-central-1",
      scopes: ["sso:account:access", "codewhisperer:completions"],
      profile: "dev",
      accountId: "444455556666",
      roleName: "Developer",
      configFile,
    });
  });

  it("returns an sso-session named directly, with no profile", async () => {
    expect(await readSsoConfig({ ssoSession: "corp", configFile })).toEqual({
      sessionName: "corp",
      startUrl: "https://d-corp.awsapps.com/start",
      region: "eu-central-1",
      scopes: ["sso:account:access", "codewhisperer:completions"],
      configFile,
    });
  });

  it("returns a legacy profile's own start URL and region, with no session name", async () => {
    expect(await readSsoConfig({ profile: "legacy", configFile })).toEqual({
      startUrl: "https://d-legacy.awsapps.com/start",
      region: "us-west-2",
      scopes: undefined,
      profile: "legacy",
      accountId: "777788889999",
      roleName: "Admin",
      configFile,
    });
  });

  it("takes the profile from AWS_PROFILE, else default, and the file from AWS_CONFIG_FILE", async () => {
    process.env.AWS_CONFIG_FILE = configFile;
    delete process.env.AWS_PROFILE;
    expect(await readSsoConfig()).toMatchObject({ profile: "default", sessionName: "corp", roleName: "ReadOnly", configFile });
    process.env.AWS_PROFILE = "legacy";
    expect(await readSsoConfig()).toMatchObject({ profile: "legacy", region: "us-west-2" });
  });

  it("accepts a profile that repeats its session's start URL, and a profile named with its own session", async () => {
    expect(await readSsoConfig({ profile: "repeats", configFile })).toMatchObject({ sessionName: "corp", startUrl: "https://d-corp.awsapps.com/start" });
    expect(await readSsoConfig({ profile: "dev", ssoSession: "corp", configFile })).toMatchObject({ sessionName: "corp", profile: "dev" });
  });

  it.each([
    [{ profile: "nobody" }, "ProfileNotFound", "There is no [profile nobody] section; add it, or name another profile"],
    [{ ssoSession: "nobody" }, "SsoSessionNotFound", "There is no [sso-session nobody] section; add one with sso_start_url and sso_region"],
    [{ profile: "lost" }, "SsoSessionNotFound", "There is no [sso-session nowhere] section, which [profile lost] names in sso_session; add one with sso_start_url and sso_region"],
    [{ profile: "keys" }, "NotAnSsoProfile", "[profile keys] has no SSO settings; give it sso_session (or sso_start_url and sso_region)"],
    [{ profile: "half-legacy" }, "MissingSetting", "[profile half-legacy] has no sso_region; add it, or use sso_session"],
    [{ ssoSession: "no-region" }, "MissingSetting", "[sso-session no-region] has no sso_region; add it"],
    [{ profile: "disagrees" }, "ConflictingSettings", "[profile disagrees] sets sso_region to us-east-2, but its [sso-session corp] says eu-central-1; remove it from the profile"],
    [{ profile: "legacy", ssoSession: "corp" }, "ConflictingSettings", "[profile legacy] has no sso_session, not corp; name only one of them"],
  ])("refuses %j with SsoConfigError %s, naming the section and the fix", async (options, code, message) => {
    const e = await failure(readSsoConfig({ ...options, configFile }));
    expect([isSsoConfigError(e), e.name, e.code, e.message, e.file]).toEqual([true, "SsoConfigError", code, `${message} (in ${configFile}).`, configFile]);
  });

  it("reads the file afresh on every call", async () => {
    const file = join(dir, "changing");
    writeFileSync(file, "[profile p]\nsso_start_url = https://one.awsapps.com/start\nsso_region = us-east-1\n");
    expect((await readSsoConfig({ profile: "p", configFile: file })).startUrl).toBe("https://one.awsapps.com/start");
    writeFileSync(file, "[profile p]\nsso_start_url = https://two.awsapps.com/start\nsso_region = us-east-1\n");
    expect((await readSsoConfig({ profile: "p", configFile: file })).startUrl).toBe("https://two.awsapps.com/start");
    for (const n of ["three", "four"]) {
      writeFileSync(file, `[sso-session s]\nsso_start_url = https://${n}.awsapps.com/start\nsso_region = us-east-1\n`);
      expect((await readSsoConfig({ ssoSession: "s", configFile: file })).startUrl).toBe(`https://${n}.awsapps.com/start`);
    }
  });

  it("reports a missing file as a missing profile, naming the file", async () => {
    const missing = join(dir, "no-such-config");
    const e = await failure(readSsoConfig({ profile: "dev", configFile: missing }));
    expect([e.code, e.file]).toEqual(["ProfileNotFound", missing]);
  });
});

describe("listSsoSessions", () => {
  it("lists each complete sso-session with its profiles, then each legacy start URL with its profiles", async () => {
    expect(await listSsoSessions({ configFile })).toEqual([
      { sessionName: "corp", startUrl: "https://d-corp.awsapps.com/start", region: "eu-central-1", profiles: ["default", "dev", "repeats", "disagrees"] },
      { startUrl: "https://d-legacy.awsapps.com/start", region: "us-west-2", profiles: ["legacy"] },
    ]);
  });

  it("has none for a file that does not exist", async () => {
    expect(await listSsoSessions({ configFile: join(dir, "absent") })).toEqual([]);
  });
});
