#!/usr/bin/env node
// Summarises a V8 profile that scripts/profile-msgsend.mjs wrote: the functions with the most
// time (.cpuprofile, in ms) or allocation (.heapprofile, in MiB), by their own samples ("self")
// and by every sample taken while they were on the stack ("inclusive").
//
//   node scripts/profile-summary.mjs /tmp/p.cpuprofile                    # the top 40 of each
//   node scripts/profile-summary.mjs /tmp/p.cpuprofile --under finalizeBlock --top 20
//   node scripts/profile-summary.mjs /tmp/p.cpuprofile --callees runAnte  # runAnte's time by callee
//
// --under F counts only samples taken with F on the stack; --callees F splits the samples under
// F's outermost call by the function F called. Names are `function file:line` (of dist/).
import { readFileSync } from "node:fs";

const [path, ...flags] = process.argv.slice(2);
if (!path) throw new Error("usage: profile-summary.mjs <profile> [--top N] [--under F] [--callees F]");
const option = (name) => {
  const at = flags.indexOf(name);
  return at === -1 ? undefined : flags[at + 1];
};
const top = Number(option("--top") ?? 40);
const under = option("--under");
const callees = option("--callees");

const samples = path.endsWith(".heapprofile") ? heapSamples(JSON.parse(readFileSync(path, "utf8"))) : cpuSamples(JSON.parse(readFileSync(path, "utf8")));
const unit = path.endsWith(".heapprofile") ? { scale: 2 ** 20, name: "MiB" } : { scale: 1000, name: "ms" };

/** [stack from the leaf to the root, weight] for each sample of a .cpuprofile (weight: µs). */
function cpuSamples(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return profile.samples.map((id, i) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
    return [stack, profile.timeDeltas[i] ?? 0];
  });
}

/** The same for a .heapprofile (weight: bytes). */
function heapSamples(profile) {
  const stacks = new Map();
  const walk = (node, above) => {
    const stack = [node.callFrame, ...above];
    stacks.set(node.id, stack);
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head, []);
  return profile.samples.filter((s) => stacks.has(s.nodeId)).map((s) => [stacks.get(s.nodeId), s.size]);
}

const label = (frame) => `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`;
const chosen = under ? samples.filter(([stack]) => stack.some((frame) => frame.functionName === under)) : samples;
const total = chosen.reduce((sum, [, weight]) => sum + weight, 0);
const format = (weight) => `${(weight / unit.scale).toFixed(0).padStart(8)} ${unit.name} ${((100 * weight) / total).toFixed(1).padStart(5)}%`;

function print(title, totals) {
  console.log(title);
  for (const [name, weight] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${format(weight)}  ${name}`);
}

function add(totals, name, weight) {
  totals.set(name, (totals.get(name) ?? 0) + weight);
}

console.log(`${path}: ${format(total)}${under ? ` under ${under}` : ""}`);
if (callees) {
  const byCallee = new Map();
  for (const [stack, weight] of chosen) {
    const outermost = stack.findLastIndex((frame) => frame.functionName === callees);
    if (outermost !== -1) add(byCallee, outermost === 0 ? "(self)" : label(stack[outermost - 1]), weight);
  }
  print(`--- under ${callees}, by callee`, byCallee);
} else {
  const self = new Map();
  const inclusive = new Map();
  for (const [stack, weight] of chosen) {
    add(self, label(stack[0]), weight);
    for (const name of new Set(stack.map(label))) add(inclusive, name, weight);
  }
  print("--- self", self);
  print("--- inclusive", inclusive);
}
