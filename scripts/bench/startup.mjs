// Start-up as a user feels it: fresh processes, timed from spawn to exit (wall), and by the CPU time they used
// (cpuTime.cjs), in alternating rounds so that drift of the machine falls on all programs alike; the import of
// each client alone, timed inside the process; and the modules each program loads (files, and Node's built-in
// modules), counted by countModules.cjs in separate runs.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { coldStart } from "./variants.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
const cli = join(root, "packages/cli/bin/sso-oidc.cjs");
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `node ...args` in the repository; resolves with its wall time (spawn to exit, ms) and stdout. */
export function runNode(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("exit", (code) => (code === 0 ? resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, out }) : reject(new Error(`node ${args.join(" ")}: exit ${code}`))));
  });
}

const program = (code) => ["--no-warnings", "--input-type=module", "-e", code];
const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
/** Prints "<wall ms> <cpu ms>" of the import of `specifier`. */
const importOnly = (specifier) =>
  program(`const t = process.hrtime.bigint(), c = process.cpuUsage(); await import(${JSON.stringify(specifier)}); const u = process.cpuUsage(c);
console.log(Number(process.hrtime.bigint() - t) / 1e6, (u.user + u.system) / 1e3);`);

/** An AWS config with one SSO session and its cached token, for `sso-oidc status` to read. */
function statusFixture() {
  const dir = mkdtempSync(join(tmpdir(), "ssokit-bench-"));
  mkdirSync(join(dir, "cache"));
  writeFileSync(join(dir, "config"), "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n");
  return { dir, env: { AWS_CONFIG_FILE: join(dir, "config") }, args: ["status", "--cache-dir", join(dir, "cache")] };
}

/**
 * Each program `runs` times after one warm-up run, in rounds whose order rotates; the median wall and CPU time of
 * each, ms: `{ name: { wall, cpu } }`. A program is `{ args, env }`; with `measure`, the figures are the two
 * numbers it prints itself instead of the process's.
 */
async function rounds(programs, runs, measure = false) {
  const names = Object.keys(programs);
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const cpuOut = join(mkdtempSync(join(tmpdir(), "ssokit-cpu-")), "cpu.txt");
  const timed = (n) => runNode(["--require", join(here, "cpuTime.cjs"), ...programs[n].args], { ...programs[n].env, BENCH_CPU_OUT: cpuOut });
  try {
    for (const n of names) await timed(n);
    for (let r = 0; r < runs; r++) {
      for (let i = 0; i < names.length; i++) {
        const n = names[(i + r) % names.length];
        writeFileSync(cpuOut, "");
        const { ms, out } = await timed(n);
        const [ownWall, ownCpu] = out.trim().split(" ").map(Number);
        wall[n].push(measure ? ownWall : ms);
        cpu[n].push(measure ? ownCpu : Number(readFileSync(cpuOut, "utf8")) / 1e3);
      }
    }
  } finally {
    rmSync(dirname(cpuOut), { recursive: true, force: true });
  }
  return Object.fromEntries(names.map((n) => [n, { wall: +median(wall[n]).toFixed(1), cpu: +median(cpu[n]).toFixed(1) }]));
}

/**
 * The instructions a program's process runs, counted by valgrind (callgrind): the same on a busy machine as on an
 * idle one, where times are not. Undefined where valgrind is not installed.
 */
function instructions({ args, env }) {
  const run = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  const count = run.stderr?.match(/Collected : (\d+)/)?.[1];
  return run.status === 0 && count ? Number(count) : undefined;
}

/** Files (ours, the rest of node_modules, none else) and built-in modules a program loads. */
async function modules({ args, env }) {
  const out = join(mkdtempSync(join(tmpdir(), "ssokit-modules-")), "modules.json");
  try {
    await runNode(["--require", join(here, "countModules.cjs"), ...args], { ...env, BENCH_MODULES_OUT: out });
    const { files, builtins } = JSON.parse(readFileSync(out, "utf8"));
    const inNodeModules = files.filter((f) => f.includes("/node_modules/")).length;
    return { files: files.length, ours: files.filter((f) => f.includes("/packages/")).length, nodeModules: inNodeModules, builtins: builtins.length };
  } finally {
    rmSync(dirname(out), { recursive: true, force: true });
  }
}

/** Cold start (import, construct, one call) and import alone, of raw node:http, ours and v3; the modules each loads. */
export async function clientStartup(url, runs, countInstructions = false) {
  const env = { BENCH_URL: url };
  const cold = Object.fromEntries(Object.entries(coldStart).map(([n, code]) => [n, { args: program(code), env }]));
  const imports = {
    raw: { args: importOnly("node:http") },
    ours: { args: importOnly("@ssokit/client-sso-oidc") },
    official: { args: importOnly("@aws-sdk/client-sso-oidc") },
  };
  const coldMs = await rounds(cold, runs);
  const importMs = await rounds(imports, runs, true);
  const loaded = {};
  for (const [n, p] of Object.entries(cold)) loaded[n] = await modules(p);
  const counted = countInstructions ? { coldStart: mapValues(cold, instructions), import: mapValues(imports, instructions) } : undefined;
  return { coldStartMs: coldMs, importMs, modules: loaded, instructions: counted };
}

/** `sso-oidc --help` and `sso-oidc status` as whole processes, against `node -e 0`; the modules each loads. */
export async function cliStartup(runs, countInstructions = false) {
  const fixture = statusFixture();
  try {
    const programs = {
      node: { args: ["-e", "0"] },
      help: { args: [cli, "--help"] },
      status: { args: [cli, ...fixture.args], env: fixture.env },
    };
    const ms = await rounds(programs, runs);
    const loaded = {};
    for (const [n, p] of Object.entries(programs)) loaded[n] = await modules(p);
    return { ms, modules: loaded, instructions: countInstructions ? mapValues(programs, instructions) : undefined };
  } finally {
    rmSync(fixture.dir, { recursive: true, force: true });
  }
}
