import { msgSend, BenchSigner } from "./bench-signer.js";
import { XPRT_GENESIS_SUPPLY } from "../src/app/genesis-state.js";
import { sha256 } from "../src/store/hash.js";
import { bytesToKey } from "../src/store/bytes.js";
import { TestnetNetwork } from "../src/testing/testnet-network.js";

/**
 * `bench/testnet.js`: a 4-validator CometBFT network of real processes on this machine under a
 * load generator. Pre-signed MsgSends from many accounts are broadcast (broadcast_tx_sync) to the
 * four nodes as fast as they accept them; each tx's latency runs from its broadcast to the moment
 * the load generator sees its block committed. Prints one JSON line.
 */
const VALIDATORS = 4;
const SENDERS = 400;
const IN_FLIGHT = 64;
const CHAIN_ID = "persistence-testnet-1";
const TXS = Number(process.env.BENCH_TESTNET_TXS ?? 8_000);

export interface TestnetCase {
  validators: number;
  txs: number;
  committed: number;
  txPerSecond: number;
  latencyMs: { p50: number; p99: number };
  blocks: number;
}

const faucet = BenchSigner.deterministic(-1, 0n);
const senders = Array.from({ length: SENDERS }, (_, i) => BenchSigner.deterministic(i, BigInt(i + 1)));
const perSender = 1_000_000_000n;
const network = await TestnetNetwork.create({
  validators: VALIDATORS,
  blockTimeMs: 1000,
  allocations: [
    { address: faucet.address, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY - perSender * BigInt(SENDERS) }] },
    ...senders.map((s) => ({ address: s.address, coins: [{ denom: "uxprt", amount: perSender }] })),
  ],
});

try {
  // Each sender talks to one node, so its sequences reach that node's mempool in order.
  const queues = senders.map((sender, i) => ({
    node: i % VALIDATORS,
    txs: Array.from({ length: Math.ceil(TXS / SENDERS) }, () => sender.sign(CHAIN_ID, msgSend(sender.address, faucet.address, 1n), { amount: 500n, gas: 200_000n })),
  }));
  const work = queues.flatMap((queue, sender) => queue.txs.map((tx, k) => ({ tx, node: queue.node, order: k * SENDERS + sender }))).sort((a, b) => a.order - b.order).slice(0, TXS);

  await network.startAll();
  for (let i = 0; i < VALIDATORS; i++) await network.waitForHeight(i, 2);

  const broadcastAt = new Map<string, number>();
  const latencies: number[] = [];
  let firstBroadcast = 0;
  let lastCommit = 0;
  let rejected = 0;
  let blocks = 0;
  let done = false;
  const watcher = watchCommits();

  async function watchCommits(): Promise<void> {
    let seen = (await network.status(0)).height;
    while (!done) {
      const { height } = await network.status(0);
      for (let h = seen + 1; h <= height; h++) {
        const txs = await network.blockTxs(0, h);
        const now = performance.now();
        blocks += 1;
        for (const tx of txs) {
          const sent = broadcastAt.get(bytesToKey(sha256(tx)));
          if (sent === undefined) continue;
          latencies.push(now - sent);
          lastCommit = now;
        }
      }
      seen = height;
      if (latencies.length + rejected >= work.length) done = true;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  let next = 0;
  firstBroadcast = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < work.length) {
        const item = work[next++]!;
        broadcastAt.set(bytesToKey(sha256(item.tx)), performance.now());
        const code = await network.broadcastTxSync(item.node, item.tx);
        if (code !== 0) rejected += 1;
      }
    }),
  );
  const giveUp = setTimeout(() => (done = true), 300_000);
  await watcher;
  clearTimeout(giveUp);

  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const result: TestnetCase = {
    validators: VALIDATORS,
    txs: work.length,
    committed: latencies.length,
    txPerSecond: Math.round((latencies.length * 1000) / (lastCommit - firstBroadcast)),
    latencyMs: { p50: quantile(0.5), p99: quantile(0.99) },
    blocks,
  };
  console.log(JSON.stringify(result));
} finally {
  await network.close();
}
