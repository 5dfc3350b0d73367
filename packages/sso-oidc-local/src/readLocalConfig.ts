import { readFileSync } from "node:fs";
import { checkIamOptions, type IamCredentials } from "./iamOptions";
import type { LocalServer, LocalServerOptions } from "./startLocalServer";

/** What a config file may set: the service's options that JSON can say (not the clock). */
export type LocalConfig = Omit<LocalServerOptions, "clock">;

const NUMBERS = ["port", "deviceCodeTtl", "interval", "accessTokenTtl", "clientSecretTtl", "refreshTokenTtl", "sweepInterval", "maxClients", "maxAuthorizations", "maxRefreshTokens", "maxAccessTokens", "maxConnections", "maxBodyBytes"] as const;
const OTHERS = ["host", "cors", "region", "identityStoreId", "iamCredentials", "users", "trustedTokenIssuers", "applications"] as const;

/**
 * Reads the bins' `--config FILE`: a JSON object of `startLocalServer` options (numbers, `host`, `cors`, and the
 * CreateTokenWithIAM ones: `region`, `iamCredentials`, `users`, `trustedTokenIssuers`, `applications`,
 * `identityStoreId`). Throws an Error that names the file and what is wrong, never quoting a secret.
 */
export function readLocalConfig(path: string): LocalConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read the config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new Error(`the config file ${path} is not JSON: ${(e as Error).message.replace(/"[^"]*"/g, "…")}`);
  }
  if (!config || typeof config !== "object" || Array.isArray(config)) throw new Error(`the config file ${path} must hold a JSON object of options`);
  const unknown = Object.keys(config).find((k) => !(NUMBERS as readonly string[]).includes(k) && !(OTHERS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new Error(`the config file ${path} has an option this service does not take: ${JSON.stringify(unknown)} (see the README of @ssokit/sso-oidc-local)`);
  for (const k of NUMBERS) if (config[k] !== undefined && !(typeof config[k] === "number" && Number.isFinite(config[k]) && (config[k] as number) >= 0)) throw new Error(`the config file ${path}: ${k} must be a number of 0 or more`);
  if (config.host !== undefined && typeof config.host !== "string") throw new Error(`the config file ${path}: host must be a string`);
  if (config.cors !== undefined && typeof config.cors !== "boolean") throw new Error(`the config file ${path}: cors must be true or false`);
  try {
    checkIamOptions(config);
  } catch (e) {
    throw new Error(`the config file ${path}: ${(e as Error).message}`);
  }
  return config as LocalConfig;
}

/**
 * The AWS credentials of an environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), for
 * the bins' `--iam-credentials-from-env`: an application run with the same environment signs with them.
 */
export function iamCredentialsFromEnv(env: NodeJS.ProcessEnv): IamCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error("--iam-credentials-from-env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment");
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

/** What the bins print about CreateTokenWithIAM once listening: the region, applications, issuers, users, access key ids; never a secret. */
export function describeIamConfig(config: LocalConfig): string[] {
  const apps = config.applications ?? [];
  if (apps.length === 0 && !config.iamCredentials?.length) return [];
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  return [
    `CreateTokenWithIAM (POST /token?aws_iam=t) in ${config.region ?? "us-east-1"}:`,
    ...apps.map((a) => `  application ${a.arn}: ${Object.keys(a.grants).join(", ") || "no grants"}`),
    ...(config.trustedTokenIssuers ?? []).map((t) => `  trusted token issuer ${t.issuerUrl}`),
    `  ${plural(config.users?.length ?? 0, "user")}; signed with ${plural(config.iamCredentials?.length ?? 0, "access key")}${config.iamCredentials?.length ? ` (${config.iamCredentials.map((c) => c.accessKeyId).join(", ")})` : ""}`,
  ];
}

/** The flags both bins (`sso-oidc-local`, `sso-oidc local`) take, as node:util's parseArgs options. */
export const LOCAL_FLAG_SPEC = {
  port: { type: "string" },
  host: { type: "string" },
  cors: { type: "boolean" },
  config: { type: "string" },
  region: { type: "string" },
  "iam-credentials-from-env": { type: "boolean" },
  help: { type: "boolean" },
} as const;

/**
 * What both bins print once the service listens: `lines` for stdout (its URL, then what CreateTokenWithIAM
 * accepts), and a `warning` for stderr when it listens on every network interface.
 */
export function startupMessages(options: LocalConfig, server: Pick<LocalServer, "url" | "verificationUri">): { lines: string[]; warning?: string } {
  return {
    lines: [`listening on ${server.url}`, ...describeIamConfig(options)],
    warning:
      options.host === "0.0.0.0" || options.host === "::"
        ? `warning: listening on every network interface: other machines can reach this test service. Verification links use ${new URL(server.verificationUri).origin}.`
        : undefined,
  };
}

/** The bins' flags that shape the service. */
export interface LocalFlags {
  port?: number;
  host?: string;
  cors?: boolean;
  config?: string;
  region?: string;
  iamCredentialsFromEnv?: boolean;
}

/**
 * The options both bins (`sso-oidc-local`, `sso-oidc local`) start the service with: the config file's, then the
 * flags over them, and the environment's credentials beside the file's. Throws what readLocalConfig throws.
 */
export function localOptions(flags: LocalFlags, env: NodeJS.ProcessEnv): LocalConfig {
  const file = flags.config === undefined ? {} : readLocalConfig(flags.config);
  const fromEnv = flags.iamCredentialsFromEnv ? [iamCredentialsFromEnv(env)] : [];
  return {
    ...file,
    port: flags.port ?? file.port ?? 0,
    host: flags.host ?? file.host,
    cors: flags.cors ?? file.cors,
    region: flags.region ?? file.region,
    iamCredentials: [...(file.iamCredentials ?? []), ...fromEnv],
  };
}
