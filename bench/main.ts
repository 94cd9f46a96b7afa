import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { formatBlockEndCase, type BlockEndCase } from "./block-end.js";
import { formatEpochCloseCase, type EpochCloseCase } from "./epoch-close.js";
import { formatCommitGrowth, type MsgSendCase } from "./msgsend.js";
import type { TestnetCase } from "./testnet.js";
import { formatSignatureCeiling, measureSignatureCeiling } from "./signatures.js";

/**
 * `npm run bench`: the machine's secp256k1 ceiling (all cores), then signed MsgSend throughput
 * through CheckTx, execution and commit with 10,000, 100,000 and 1,000,000 funded accounts, then a
 * 4-validator CometBFT network under load, then the per-block work of proof of stake with 100
 * validators and 10,000 delegators. Each case runs in a fresh process so its peak RSS is its own.
 * BENCH_TXS and BENCH_TESTNET_TXS set the number of measured txs, BENCH_INDEX_EVENTS the transfer
 * cases' index-events setting (comma-separated; unset indexes every attribute); `--only <case>` (or BENCH_ONLY)
 * runs one case: signatures, msgsend, testnet, block-end or epoch-close (a pool epoch of 10,000 orders over 10,000 loans).
 */
const run = promisify(execFile);
const ACCOUNT_CASES = [10_000, 100_000, 1_000_000];

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

/** Runs a case script in its own process and returns the JSON of its last line. */
async function runScript<T>(name: string, args: string[] = []): Promise<T> {
  const script = fileURLToPath(new URL(name, import.meta.url));
  // With this process's Node flags (the young-generation size the node runs with).
  const { stdout } = await run(process.execPath, [...process.execArgv, script, ...args], { maxBuffer: 1 << 20, env: process.env });
  return JSON.parse(stdout.trim().split("\n").pop()!) as T;
}

const CASES = ["signatures", "msgsend", "testnet", "block-end", "epoch-close"];
const onlyFlag = process.argv.indexOf("--only");
const only = onlyFlag >= 0 ? process.argv[onlyFlag + 1] : process.env.BENCH_ONLY;
if (only !== undefined && !CASES.includes(only)) throw new Error(`--only takes one of ${CASES.join(", ")}, not ${only}`);
const runs = (name: string) => only === undefined || only === name;

// MsgSend throughput is reported as a share of the signature ceiling, so it measures that too.
const ceiling = runs("signatures") || runs("msgsend") ? await measureSignatureCeiling({ durationMs: 3_000 }) : undefined;
if (ceiling) console.log(formatSignatureCeiling(ceiling));
const sigPerSecond = Math.round(ceiling?.ceilingPerSecond ?? 0);

const results: MsgSendCase[] = [];
for (const accounts of runs("msgsend") ? ACCOUNT_CASES : []) {
  const result = await runScript<MsgSendCase>("./msgsend.js", [String(accounts)]);
  results.push(result);
  const share = ((100 * result.txPerSecond) / sigPerSecond).toFixed(1);
  console.log(`MsgSend ${accounts} accounts: ${result.txPerSecond} tx/s, ${share}% of ceiling ${sigPerSecond} sig/s`);
  console.log(
    `  ${result.txs} txs in blocks of ${result.blockTxs}: block interval p50 ${ms(result.blockMs.p50)}, p99 ${ms(result.blockMs.p99)}; ` +
      `block commit (${result.commitBlocks} blocks one at a time, ${result.changedKeysPerBlock} state keys changed) p50 ${ms(result.commitMs.p50)}, p99 ${ms(result.commitMs.p99)}; ` +
      `peak RSS ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
}

if (results.length > 1) console.log(formatCommitGrowth(results));

if (runs("testnet")) {
  const testnet = await runScript<TestnetCase>("./testnet.js");
  console.log(
    `${testnet.validators}-validator CometBFT testnet, MsgSend under load: ${testnet.txPerSecond} tx/s committed, ` +
      `broadcast-to-commit latency p50 ${ms(testnet.latencyMs.p50)}, p99 ${ms(testnet.latencyMs.p99)} (${testnet.committed} of ${testnet.txs} txs in ${testnet.blocks} blocks)`,
  );
}

if (runs("block-end")) console.log(formatBlockEndCase(await runScript<BlockEndCase>("./block-end.js")));
if (runs("epoch-close")) console.log(formatEpochCloseCase(await runScript<EpochCloseCase>("./epoch-close.js")));
