// `npm run bench`: this SDK against raw node:http and @aws-sdk/client-sso-oidc, side by side in one run: requests
// one at a time and 16 in flight, cold start and import (startup.mjs), the modules each loads, the CLI's start
// against `node -e 0`, heap per client, bundle sizes (and what a first failure loads, firstFailure.mjs), install
// size. The variants alternate in rounds so that drift of the machine falls on all of them alike. Prints the
// tables and writes the same figures to bench-results/latest.json. On a shared machine, run it more than once.
import { fork } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSize } from "../bundle-size.mjs";
import { firstFailure } from "./firstFailure.mjs";
import { installed } from "../packages.mjs";
import { cliStartup, clientStartup, median, runNode } from "./startup.mjs";
import { heapProgram, variants } from "./variants.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const quick = process.argv.includes("--quick");
// --instructions: also count the instructions of each start-up program under valgrind (slow; steady on a busy machine).
const countInstructions = process.argv.includes("--instructions");
const ROUNDS = quick ? 2 : 8;
const SEQUENTIAL = quick ? 200 : 500;
const CONCURRENT = quick ? 400 : 1000;
const WIDTH = 16;
const COLD_RUNS = quick ? 5 : 15;
const names = ["raw", "ours", "official"];
const now = () => Number(process.hrtime.bigint()) / 1000; // µs

async function startServer() {
  const child = fork(join(root, "scripts/bench/server.mjs"), { stdio: "inherit" });
  const { port } = await new Promise((resolve) => child.once("message", resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.disconnect() };
}

/** CPU time (user and system) this process used since `since`, µs: the client's own cost, without the server's. */
const cpuSince = (since) => {
  const { user, system } = process.cpuUsage(since);
  return user + system;
};

async function sequential(call, n) {
  const times = [];
  const start = now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = now();
    await call();
    times.push(now() - t);
  }
  return { times, total: now() - start, cpu: cpuSince(cpu), n };
}

async function concurrent(call, n, width) {
  const times = [];
  let started = 0;
  const start = now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (started++ < n) {
        const t = now();
        await call();
        times.push(now() - t);
      }
    }),
  );
  return { times, total: now() - start, cpu: cpuSince(cpu), n };
}

async function throughput(url) {
  const setups = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await variants[n](url)])));
  for (const n of names) for (let i = 0; i < 300; i++) await setups[n].call(); // warm up: JIT, sockets
  const seq = Object.fromEntries(names.map((n) => [n, { times: [], total: 0, cpu: 0, n: 0 }]));
  const con = Object.fromEntries(names.map((n) => [n, { times: [], total: 0, cpu: 0, n: 0 }]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const n of order) {
      const s = await sequential(setups[n].call, SEQUENTIAL);
      const c = await concurrent(setups[n].call, CONCURRENT, WIDTH);
      for (const [acc, x] of [[seq[n], s], [con[n], c]]) {
        acc.times.push(...x.times);
        acc.total += x.total;
        acc.cpu += x.cpu;
        acc.n += x.n;
      }
    }
  }
  for (const n of names) setups[n].close();
  const summary = (acc) => ({ medianUs: +median(acc.times).toFixed(1), rps: Math.round((acc.n / acc.total) * 1e6), cpuUsPerRequest: +(acc.cpu / acc.n).toFixed(1) });
  return { sequential: Object.fromEntries(names.map((n) => [n, summary(seq[n])])), concurrent: Object.fromEntries(names.map((n) => [n, summary(con[n])])) };
}

async function heap() {
  const out = {};
  for (const n of ["ours", "official"]) {
    const samples = [];
    for (let i = 0; i < 3; i++) samples.push(JSON.parse((await runNode(["--no-warnings", "--expose-gc", "--input-type=module", "-e", heapProgram(n)])).out).perClient);
    out[n] = { bytesPerClient: Math.round(median(samples)) };
  }
  return out;
}

async function bundles() {
  const sets = ["SSOOIDCClient, CreateTokenCommand", "SSOOIDCClient, RegisterClientCommand", "SSOOIDCClient, StartDeviceAuthorizationCommand", "SSOOIDCClient, CreateTokenWithIAMCommand"];
  const out = [];
  const measure = async (variant, pkg, target, names) => {
    const r = await bundleSize(names, { target, pkg });
    out.push({ variant, target, names, bytes: r.bytes, gzip: r.gzip, lazyGzip: r.lazy.reduce((a, c) => a + c.gzip, 0) });
  };
  for (const [variant, pkg] of [["ours", "@ssokit/client-sso-oidc"], ["official", "@aws-sdk/client-sso-oidc"]]) {
    for (const target of ["browser", "node"]) for (const names of sets) await measure(variant, pkg, target, names);
  }
  // The v2-style client on its own entry (the whole client: v2 has no per-command imports).
  for (const target of ["browser", "node"]) await measure("ours-v2", "@ssokit/client-sso-oidc/v2", target, "SSOOIDC");
  return out;
}

/** The packages an install of `name` brings (itself included) and their bytes on disk, as npm would lay them out. */
function installSize(name) {
  const seen = new Map();
  const bytes = (dir, top) => {
    let total = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules" || (top && ["src", "test", "tsconfig.json"].includes(e.name))) continue;
      const p = join(dir, e.name);
      total += e.isDirectory() ? bytes(p, false) : statSync(p).size;
    }
    return total;
  };
  const visit = (dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) return;
    seen.set(key, bytes(dir, true));
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      const found = installed(dep, dir);
      if (found) visit(found);
    }
  };
  visit(installed(name, root));
  return { packages: seen.size, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}

const server = await startServer();
console.error(`benchmarking against ${server.url} (${quick ? "quick" : "full"} run)…`);
const results = {
  machine: { date: new Date().toISOString().slice(0, 10), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model?.trim(), os: `${os.type()} ${os.release()}`, loadAverage: os.loadavg().map((l) => +l.toFixed(2)) },
  settings: { rounds: ROUNDS, sequentialPerRound: SEQUENTIAL, concurrentPerRound: CONCURRENT, inFlight: WIDTH, coldRuns: COLD_RUNS },
  throughput: await throughput(server.url),
  startup: await clientStartup(server.url, COLD_RUNS, countInstructions),
  cli: await cliStartup(COLD_RUNS, countInstructions),
  heap: await heap(),
  bundles: await bundles(),
  firstFailure: { ours: await firstFailure("@ssokit/client-sso-oidc"), official: await firstFailure("@aws-sdk/client-sso-oidc") },
  install: { ours: installSize("@ssokit/client-sso-oidc"), official: installSize("@aws-sdk/client-sso-oidc") },
};
server.stop();

mkdirSync(join(root, "bench-results"), { recursive: true });
writeFileSync(join(root, "bench-results/latest.json"), JSON.stringify(results, null, 2) + "\n");

const t = results.throughput;
const { coldStartMs: cold, importMs: imp, modules: mods } = results.startup;
const cli = results.cli;
const ratio = (x, base) => `${(x / base).toFixed(2)}×`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const bundle = (variant, target) => results.bundles.find((b) => b.variant === variant && b.target === target && b.names.endsWith("CreateTokenCommand"));
const loaded = (m) => `${m.files} files, ${m.builtins} built-in`;
const failure = (v) => `${kb(results.firstFailure[v].initialGzip)} + ${kb(results.firstFailure[v].failureGzip)} = ${kb(results.firstFailure[v].initialGzip + results.firstFailure[v].failureGzip)}`;
const ms = (x) => `${x.wall} ms (cpu ${x.cpu})`;
const rows = [
  ["one at a time, median per request", `${t.sequential.raw.medianUs} µs`, `${t.sequential.ours.medianUs} µs (${ratio(t.sequential.ours.medianUs, t.sequential.raw.medianUs)})`, `${t.sequential.official.medianUs} µs (${ratio(t.sequential.official.medianUs, t.sequential.raw.medianUs)})`],
  ["one at a time, requests/s", `${t.sequential.raw.rps}`, `${t.sequential.ours.rps}`, `${t.sequential.official.rps}`],
  ["one at a time, client CPU per request", `${t.sequential.raw.cpuUsPerRequest} µs`, `${t.sequential.ours.cpuUsPerRequest} µs (${ratio(t.sequential.ours.cpuUsPerRequest, t.sequential.raw.cpuUsPerRequest)})`, `${t.sequential.official.cpuUsPerRequest} µs (${ratio(t.sequential.official.cpuUsPerRequest, t.sequential.raw.cpuUsPerRequest)})`],
  [`${WIDTH} in flight, requests/s`, `${t.concurrent.raw.rps}`, `${t.concurrent.ours.rps} (${ratio(t.concurrent.raw.rps, t.concurrent.ours.rps)})`, `${t.concurrent.official.rps} (${ratio(t.concurrent.raw.rps, t.concurrent.official.rps)})`],
  [`${WIDTH} in flight, median per request`, `${t.concurrent.raw.medianUs} µs`, `${t.concurrent.ours.medianUs} µs`, `${t.concurrent.official.medianUs} µs`],
  [`${WIDTH} in flight, client CPU per request`, `${t.concurrent.raw.cpuUsPerRequest} µs`, `${t.concurrent.ours.cpuUsPerRequest} µs (${ratio(t.concurrent.ours.cpuUsPerRequest, t.concurrent.raw.cpuUsPerRequest)})`, `${t.concurrent.official.cpuUsPerRequest} µs (${ratio(t.concurrent.official.cpuUsPerRequest, t.concurrent.raw.cpuUsPerRequest)})`],
  ["cold start (import, construct, 1 call), median", ms(cold.raw), `${ms(cold.ours)}, ${ratio(cold.ours.wall, cold.raw.wall)} (cpu ${ratio(cold.ours.cpu, cold.raw.cpu)})`, `${ms(cold.official)}, ${ratio(cold.official.wall, cold.raw.wall)} (cpu ${ratio(cold.official.cpu, cold.raw.cpu)})`],
  ["import alone (node:http for raw), median", ms(imp.raw), ms(imp.ours), ms(imp.official)],
  ["modules a cold start loads", loaded(mods.raw), loaded(mods.ours), loaded(mods.official)],
  ["heap per client (4,000 clients, after GC)", "–", `${(results.heap.ours.bytesPerClient / 1024).toFixed(1)} KiB`, `${(results.heap.official.bytesPerClient / 1024).toFixed(1)} KiB`],
  ["browser bundle {SSOOIDCClient, CreateTokenCommand}, min / gzip", "–", `${kb(bundle("ours", "browser").bytes)} / ${kb(bundle("ours", "browser").gzip)}`, `${kb(bundle("official", "browser").bytes)} / ${kb(bundle("official", "browser").gzip)}`],
  ["browser, gzip: initial + chunks a first failure loads", "–", failure("ours"), failure("official")],
  ["Node bundle {SSOOIDCClient, CreateTokenCommand}, min / gzip", "–", `${kb(bundle("ours", "node").bytes)} / ${kb(bundle("ours", "node").gzip)}`, `${kb(bundle("official", "node").bytes)} / ${kb(bundle("official", "node").gzip)}`],
  ["install: packages, size", "–", `${results.install.ours.packages}, ${(results.install.ours.bytes / 1048576).toFixed(1)} MiB`, `${results.install.official.packages}, ${(results.install.official.bytes / 1048576).toFixed(1)} MiB`],
];
const cliRows = [
  ["whole process, median", ms(cli.ms.node), `${ms(cli.ms.help)}, ${ratio(cli.ms.help.wall, cli.ms.node.wall)} (cpu ${ratio(cli.ms.help.cpu, cli.ms.node.cpu)})`, `${ms(cli.ms.status)}, ${ratio(cli.ms.status.wall, cli.ms.node.wall)} (cpu ${ratio(cli.ms.status.cpu, cli.ms.node.cpu)})`],
  ["modules loaded", loaded(cli.modules.node), loaded(cli.modules.help), loaded(cli.modules.status)],
];
const line = (cells) => `| ${cells.join(" | ")} |`;
const table = (header, body) => [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
console.log(`\n${results.machine.date}, Node ${results.machine.node}, ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.os}, load average ${results.machine.loadAverage.join(" ")}\n`);
console.log(table(["", "raw node:http", "ssokit", "@aws-sdk/client-sso-oidc"], rows));
console.log(`\n${table(["the CLI", "node -e 0", "sso-oidc --help", "sso-oidc status"], cliRows)}`);
if (countInstructions) {
  const millions = (x) => (x === undefined ? "–" : `${(x / 1e6).toFixed(0)} M`);
  const ic = results.startup.instructions;
  const cc = results.cli.instructions;
  console.log(`\ninstructions (valgrind): cold start raw ${millions(ic.coldStart.raw)}, ours ${millions(ic.coldStart.ours)} (${ratio(ic.coldStart.ours, ic.coldStart.raw)}), v3 ${millions(ic.coldStart.official)} (${ratio(ic.coldStart.official, ic.coldStart.raw)}); import alone raw ${millions(ic.import.raw)}, ours ${millions(ic.import.ours)}, v3 ${millions(ic.import.official)}; node -e 0 ${millions(cc.node)}, sso-oidc --help ${millions(cc.help)} (${ratio(cc.help, cc.node)}), sso-oidc status ${millions(cc.status)} (${ratio(cc.status, cc.node)})`);
}
console.log(`\nchunks a first failure loads: ours ${results.firstFailure.ours.failureChunks.join(", ") || "none"}; v3 ${results.firstFailure.official.failureChunks.join(", ") || "none"}`);
console.log("\nbundles by command (gzip; lazily loaded chunks apart):");
for (const b of results.bundles) console.log(`  ${b.variant.padEnd(8)} ${b.target.padEnd(7)} ${b.names.padEnd(48)} ${kb(b.gzip)}${b.lazyGzip ? ` (+ ${kb(b.lazyGzip)} lazy)` : ""}`);
console.log(`\nfigures written to bench-results/latest.json`);
