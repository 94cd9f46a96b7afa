import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { XPRT_GENESIS_SUPPLY } from "../src/app/genesis-state.js";
import { initHome } from "../src/node/home.js";
import type { ProducedBlock } from "../src/node/block-producer.js";
import { EmbeddedNode } from "../src/node/node.js";
import { sha256 } from "../src/store/hash.js";
import { encodeAddress } from "../src/types/address.js";
import { BenchSigner, msgMultiSend, msgSend } from "./bench-signer.js";

export interface MsgSendCase {
  accounts: number;
  /** Transactions measured. */
  txs: number;
  txPerSecond: number;
  blockTxs: number;
  /**
   * From the start of a block's commit until it is on disk, for blocks produced one at a time
   * after the throughput run: in the pipeline, a commit's end is only noticed once the next
   * block's execution yields, which would count that execution too.
   */
  commitMs: { p25: number; p50: number; p75: number; p99: number };
  /** Blocks whose commits were timed. */
  commitBlocks: number;
  /** State keys each measured block changes (the same in every case, so commit times compare). */
  changedKeysPerBlock: number;
  /** Tree nodes a timed block's commit wrote (median): what the state size adds to its cost. */
  treeNodesPerBlock: number;
  /** Time between consecutive block commits in the throughput run. */
  blockMs: { p50: number; p99: number };
  peakRssBytes: number;
}

const CHAIN_ID = "persistence-bench-1";
const BLOCK_TXS = 5_000;
/**
 * Accounts that sign the measured transfers, each once per block; the rest of the state is
 * recipients only, each at most once per block. So every block changes the same number of keys
 * whatever the state size: a balance and a sequence per signer, a balance per recipient.
 */
const SIGNERS = BLOCK_TXS;
/** A stride through the recipients, prime so that the txs of a block reach distinct ones. */
const RECIPIENT_STRIDE = 7_919;
const MEASURED_TXS = Number(process.env.BENCH_TXS ?? 50_000);
/** The node's index-events setting, comma-separated (e.g. "message.sender,transfer.recipient"); unset indexes all. */
const INDEX_EVENTS = process.env.BENCH_INDEX_EVENTS?.split(",").filter((tag) => tag !== "") ?? [];
/**
 * Blocks produced one at a time after the throughput run, to time their commits alone. Their
 * quartiles show the spread, which is wide: commit time rises block after block as the tx index
 * grows, a trend that 6 blocks hid.
 */
const COMMIT_BLOCKS = 20;
const SEED_OUTPUTS_PER_TX = 1_000;
const SEED_TXS_PER_BLOCK = 10;
const FEE = { amount: 500n, gas: 200_000n };
/** What a block's byte limit leaves outside its txs (header, last commit, evidence), as the producer reserves. */
const BLOCK_OVERHEAD_BYTES = 10_000;
/** Versions kept queryable, as a pruning validator keeps them. */
const KEEP_RECENT = 10;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** A recipient-only account address, derived from its index. */
function seededAddress(index: number): string {
  return encodeAddress(sha256(new TextEncoder().encode(`bench account ${index}`)).subarray(0, 20));
}

/**
 * Builds a chain with `accounts` funded accounts, then streams signed MsgSends through the
 * node's real path (mempool CheckTx with parallel signature checks, block production, execution,
 * commit) and measures throughput from the first CheckTx to the last commit.
 */
export async function runMsgSendCase(accounts: number, log: (line: string) => void = () => {}): Promise<MsgSendCase> {
  const home = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    const faucet = BenchSigner.deterministic(-1, 0n);
    const signers = Array.from({ length: Math.min(SIGNERS, accounts - 1) }, (_, i) => BenchSigner.deterministic(i, BigInt(i + 1)));
    const perSigner = 1_000_000_000n;
    const recipients = accounts - 1 - signers.length;
    // Signed before the chain exists (account numbers follow the genesis order), so the block
    // byte limit can be set to hold exactly BLOCK_TXS of them.
    const signed: Uint8Array[] = [];
    for (let round = 0; signed.length < MEASURED_TXS + COMMIT_BLOCKS * BLOCK_TXS; round++) {
      signers.forEach((signer, i) => {
        const to = recipients > 0 ? seededAddress((round * BLOCK_TXS + i * RECIPIENT_STRIDE) % recipients) : signers[(i + 1) % signers.length]!.address;
        signed.push(signer.sign(CHAIN_ID, msgSend(signer.address, to, 1n), FEE));
      });
    }
    const txs = signed.slice(0, MEASURED_TXS);
    const commitTxs = signed.slice(MEASURED_TXS, MEASURED_TXS + COMMIT_BLOCKS * BLOCK_TXS);
    const largestTx = signed.reduce((largest, tx) => Math.max(largest, tx.length), 0);
    initHome({
      home,
      chainId: CHAIN_ID,
      allocations: [
        { address: faucet.address, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY - perSigner * BigInt(signers.length) }] },
        ...signers.map((s) => ({ address: s.address, coins: [{ denom: "uxprt", amount: perSigner }] })),
      ],
      // Pruned as a validator prunes: old versions would otherwise make the database an archive.
      config: { minGasPrices: "0.0025uxprt", pruningKeepRecent: KEEP_RECENT, indexEvents: INDEX_EVENTS },
      blockParams: { maxBytes: BigInt(BLOCK_TXS * largestTx + BLOCK_OVERHEAD_BYTES) },
    });
    const node = await EmbeddedNode.open({ home });
    try {
      log(`  seeding ${accounts} accounts (${recipients} through MsgMultiSend)...`);
      await seedRecipients(node, faucet, recipients, log);
      // Measure the steady state: seeding's old versions are pruned before the clock starts.
      for (let i = 0; i <= KEEP_RECENT || node.app.pruningBacklog > 0; i++) await node.produceBlock();

      log(`  measuring ${txs.length} signed MsgSends in blocks of ${BLOCK_TXS}...`);
      const intervals: number[] = [];
      const started = performance.now();
      let lastCommitAt = started;
      const record = (produced: ProducedBlock) => {
        expectAllPassed(produced);
        intervals.push(performance.now() - lastCommitAt);
        lastCommitAt = performance.now();
      };
      // Pipelined like a live node under load: the next batch's CheckTx (signatures on worker
      // threads) is under way while a block executes, and a block executes while the one before
      // it is written.
      let pending = submit(node, txs.slice(0, BLOCK_TXS));
      let previous: Promise<ProducedBlock> | undefined;
      for (let offset = 0; offset < txs.length; offset += BLOCK_TXS) {
        await pending;
        pending = submit(node, txs.slice(offset + BLOCK_TXS, offset + 2 * BLOCK_TXS));
        const current = node.produceBlock();
        if (previous) record(await previous);
        previous = current;
      }
      await pending;
      if (previous) record(await previous);
      // Txs a block left behind count only once committed.
      while (node.mempool.size > 0) record(await node.produceBlock());
      const seconds = (performance.now() - started) / 1000;
      intervals.sort((a, b) => a - b);

      log(`  timing the commits of ${COMMIT_BLOCKS} blocks produced one at a time...`);
      const commits: number[] = [];
      const savedNodes: number[] = [];
      for (let offset = 0; offset < commitTxs.length; offset += BLOCK_TXS) {
        await submit(node, commitTxs.slice(offset, offset + BLOCK_TXS));
        const produced = await node.produceBlock();
        expectAllPassed(produced);
        commits.push(produced.commitMs);
        savedNodes.push(node.app.lastSavedNodes);
      }
      commits.sort((a, b) => a - b);
      savedNodes.sort((a, b) => a - b);
      return {
        accounts,
        txs: txs.length,
        txPerSecond: Math.round(txs.length / seconds),
        blockTxs: BLOCK_TXS,
        commitMs: { p25: percentile(commits, 25), p50: percentile(commits, 50), p75: percentile(commits, 75), p99: percentile(commits, 99) },
        commitBlocks: commits.length,
        changedKeysPerBlock: node.app.lastChangedKeys,
        treeNodesPerBlock: percentile(savedNodes, 50),
        blockMs: { p50: percentile(intervals, 50), p99: percentile(intervals, 99) },
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      };
    } finally {
      await node.stop();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * How block commit time per changed key grows with the state: per case, with its interquartile
 * range and the tree nodes written per key; overall, as a ratio beside that of the log of the
 * state size, and per tenfold growth of the state (equal steps mean growth in proportion to the
 * log), each step with the widest range its quartiles allow; and a least-squares fit of time per
 * key on tree nodes per key, which says what a commit pays per node and per key.
 */
export function formatCommitGrowth(cases: readonly MsgSendCase[]): string {
  const points = cases.map((c) => {
    const perKey = (ms: number) => (1000 * ms) / c.changedKeysPerBlock;
    return { accounts: c.accounts, us: perKey(c.commitMs.p50), low: perKey(c.commitMs.p25), high: perKey(c.commitMs.p75), blocks: c.commitBlocks, nodes: c.treeNodesPerBlock / c.changedKeysPerBlock };
  });
  const perCase = points.map((p) => `${p.accounts} accounts ${p.us.toFixed(1)} µs (${p.low.toFixed(1)}–${p.high.toFixed(1)} over ${p.blocks} blocks; ${p.nodes.toFixed(1)} tree nodes per key)`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const signed = (us: number) => `${us >= 0 ? "+" : ""}${us.toFixed(1)}`;
  const steps = points.slice(1).map((p, i) => {
    const before = points[i]!;
    const tenfolds = Math.log10(p.accounts / before.accounts);
    return `${signed((p.us - before.us) / tenfolds)} µs (${signed((p.low - before.high) / tenfolds)} to ${signed((p.high - before.low) / tenfolds)})`;
  });
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const meanNodes = mean(points.map((p) => p.nodes));
  const meanUs = mean(points.map((p) => p.us));
  const perNode =
    points.reduce((sum, p) => sum + (p.nodes - meanNodes) * (p.us - meanUs), 0) / points.reduce((sum, p) => sum + (p.nodes - meanNodes) ** 2, 0);
  const perKey = meanUs - perNode * meanNodes;
  const residuals = points.map((p) => `${(p.us - perKey - perNode * p.nodes).toFixed(1)}`);
  return (
    `block commit per changed key, median (interquartile): ${perCase.join(", ")}\n` +
    `  from ${first.accounts} to ${last.accounts} accounts x${(last.us / first.us).toFixed(2)}, ` +
    `the log of the state size x${(Math.log(last.accounts) / Math.log(first.accounts)).toFixed(2)}; per tenfold growth of the state: ${steps.join(", ")}\n` +
    `  fit: ${perKey.toFixed(1)} µs per key + ${perNode.toFixed(1)} µs per tree node written (residuals ${residuals.join(", ")} µs)`
  );
}

function expectAllPassed(produced: ProducedBlock): void {
  const failed = produced.results.txResults.filter((r) => r.code !== 0);
  if (failed.length > 0) throw new Error(`${failed.length} txs failed, e.g. ${failed[0]!.log}`);
}

async function submit(node: EmbeddedNode, txs: readonly Uint8Array[]): Promise<void> {
  const results = await Promise.all(txs.map((tx) => node.broadcastTx(tx)));
  const rejected = results.find((r) => r.code !== 0);
  if (rejected) throw new Error(`CheckTx rejected a tx: ${rejected.log}`);
}

/** Funds `count` recipient-only accounts with MsgMultiSends from the faucet, committed in blocks. */
async function seedRecipients(node: EmbeddedNode, faucet: BenchSigner, count: number, log: (line: string) => void): Promise<void> {
  let next = 0;
  const started = performance.now();
  while (next < count) {
    const batch: Uint8Array[] = [];
    for (let t = 0; t < SEED_TXS_PER_BLOCK && next < count; t++) {
      const outputs: string[] = [];
      for (; outputs.length < SEED_OUTPUTS_PER_TX && next < count; next++) outputs.push(seededAddress(next));
      batch.push(faucet.sign(CHAIN_ID, msgMultiSend(faucet.address, outputs, 1_000_000n), { amount: 3_000_000n, gas: 1_000_000_000n }));
    }
    await submit(node, batch);
    while (node.mempool.size > 0) {
      const produced = await node.produceBlock();
      const failed = produced.results.txResults.find((r) => r.code !== 0);
      if (failed) throw new Error(`seeding failed: ${failed.log}`);
    }
    log(`    ${next} accounts seeded (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const accounts = Number(process.argv[2] ?? 10_000);
  const result = await runMsgSendCase(accounts, (line) => console.error(line));
  console.log(JSON.stringify(result));
}
