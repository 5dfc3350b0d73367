// Preloaded (node --require) into each timed process: at exit, appends the CPU time the process used, user and
// system, in microseconds, to $BENCH_CPU_OUT. On a shared machine a process waits for a core as often as it runs;
// its CPU time does not count the waiting, so it is the steadier of the two figures the benchmark reports.
const { appendFileSync } = require("node:fs");

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  appendFileSync(process.env.BENCH_CPU_OUT, `${user + system}\n`);
});
