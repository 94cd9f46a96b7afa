import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import type { MsgSendCase } from "./msgsend.js";
import { formatSignatureCeiling, measureSignatureCeiling } from "./signatures.js";

/**
 * `npm run bench`: the machine's secp256k1 ceiling (all cores), then signed MsgSend throughput
 * through CheckTx, execution and commit with 10,000 and 1,000,000 funded accounts. Each case runs
 * in a fresh process so its peak RSS is its own. BENCH_TXS sets the number of measured txs.
 */
const run = promisify(execFile);
const ACCOUNT_CASES = [10_000, 1_000_000];

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

async function runCase(accounts: number): Promise<MsgSendCase> {
  const script = fileURLToPath(new URL("./msgsend.js", import.meta.url));
  const { stdout } = await run(process.execPath, [script, String(accounts)], { maxBuffer: 1 << 20, env: process.env });
  return JSON.parse(stdout.trim().split("\n").pop()!) as MsgSendCase;
}

const ceiling = await measureSignatureCeiling({ durationMs: 3_000 });
console.log(formatSignatureCeiling(ceiling));
const sigPerSecond = Math.round(ceiling.ceilingPerSecond);

const results: MsgSendCase[] = [];
for (const accounts of ACCOUNT_CASES) {
  const result = await runCase(accounts);
  results.push(result);
  const share = ((100 * result.txPerSecond) / sigPerSecond).toFixed(1);
  console.log(`MsgSend ${accounts} accounts: ${result.txPerSecond} tx/s, ${share}% of ceiling ${sigPerSecond} sig/s`);
  console.log(
    `  ${result.txs} txs in blocks of ${result.blockTxs}: block commit p50 ${ms(result.commitMs.p50)}, p99 ${ms(result.commitMs.p99)}; ` +
      `block total p50 ${ms(result.blockMs.p50)}, p99 ${ms(result.blockMs.p99)}; peak RSS ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
}

const [small, large] = results;
if (small && large) {
  const growth = large.commitMs.p50 / small.commitMs.p50;
  const logGrowth = Math.log(large.accounts) / Math.log(small.accounts);
  console.log(
    `commit time from ${small.accounts} to ${large.accounts} accounts: x${growth.toFixed(2)} (log of the state size grows x${logGrowth.toFixed(2)})`,
  );
}
