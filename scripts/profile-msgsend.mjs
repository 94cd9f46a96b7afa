#!/usr/bin/env node
// Profiles the throughput phase of the MsgSend benchmark (from its first measured CheckTx to its
// last measured commit; signing, seeding and the commit timing are left out) with V8's sampling
// profilers, and writes the profile for scripts/profile-summary.mjs or Chrome's DevTools.
//
//   npm run build && node --max-semi-space-size=64 scripts/profile-msgsend.mjs 10000 /tmp/p cpu
//
// cpu:       where the main thread's time goes (<prefix>.cpuprofile, a sample every 200 µs);
// heap:      what it allocates, collected or not (<prefix>.heapprofile, a sample per 16 KiB);
// survivors: allocations that outlived young-generation collections, what scavenges copy.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

const [accounts = "10000", prefix = "msgsend", mode = "cpu"] = process.argv.slice(2);
if (!["cpu", "heap", "survivors"].includes(mode)) throw new Error(`mode must be cpu, heap or survivors, not ${mode}`);
const { runMsgSendCase } = await import(new URL("../dist/bench/msgsend.js", import.meta.url).href);

const session = new Session();
session.connect();
let started;
let stopped;

async function start() {
  if (mode === "cpu") {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
  } else {
    await session.post("HeapProfiler.enable");
    const survivorsOnly = mode === "survivors";
    await session.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivorsOnly });
  }
}

async function stop() {
  await started;
  const path = `${prefix}.${mode === "cpu" ? "cpuprofile" : "heapprofile"}`;
  const { profile } = await session.post(mode === "cpu" ? "Profiler.stop" : "HeapProfiler.stopSampling");
  writeFileSync(path, JSON.stringify(profile));
  console.error(`  profile written to ${path}`);
}

const result = await runMsgSendCase(Number(accounts), (line) => {
  console.error(line);
  if (line.includes("measuring")) started = start();
  if (line.includes("timing the commits")) stopped = stop();
});
await stopped;
session.disconnect();
console.log(JSON.stringify(result));
