import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PersistenceApp } from "../src/app/app.js";
import { buildAppState, XPRT_GENESIS_SUPPLY } from "../src/app/genesis-state.js";
import { MsgCloseEpoch } from "../src/generated/persistence/pools/v1/tx.js";
import { defaultConsensusParams } from "../src/node/consensus/genesis-doc.js";
import { timestampFromMillis } from "../src/node/time.js";
import { Database } from "../src/store/database.js";
import { sha256 } from "../src/store/hash.js";
import { encodeAddress, moduleAddress } from "../src/types/address.js";
import { BenchSigner } from "./bench-signer.js";

export interface EpochCloseCase {
  orders: number;
  loans: number;
  buckets: number;
  /** finalizeBlock + commit of the block holding MsgCloseEpoch, which executes the epoch. */
  blockMs: number;
}

const CHAIN_ID = "persistence-bench-1";
const ORDERS = 10_000;
const LOANS = 10_000;
/** Each loan amortises monthly over a year: 12 cashflows, due on one of ~400 days. */
const INSTALMENTS = 12;
const DAY = 86_400;
const GENESIS_SECONDS = Date.UTC(2025, 0, 1) / 1000;
const BLOCK_SECONDS = 5;
const blockTime = (height: number) => timestampFromMillis((GENESIS_SECONDS + height * BLOCK_SECONDS) * 1000);
const rfc3339 = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
const address = (label: string) => encodeAddress(sha256(new TextEncoder().encode(label)).subarray(0, 20));

/**
 * The genesis: one pool whose open epoch holds 10,000 invest orders (half senior, half junior,
 * escrowed in the pools account) and which finances 10,000 performing loans, kept as their NAV
 * buckets (12 monthly cashflows each, summed per due day). Closing the epoch reads the buckets and
 * the pool, never the orders or the loans.
 */
function benchGenesis(signer: BenchSigner): { bytes: Uint8Array; buckets: number } {
  const state = buildAppState([{ address: signer.address, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY }] }]);
  const orders = Array.from({ length: ORDERS }, (_, i) => ({
    pool_id: "1",
    tranche: i % 2 === 0 ? "TRANCHE_SENIOR" : "TRANCHE_JUNIOR",
    investor: address(`bench investor ${i}`),
    invest: (i % 2 === 0 ? 4_000_000n : 1_500_000n).toString(),
    redeem: "0",
    epoch: "1",
    claimable_tokens: "0",
    claimable_uusd: "0",
  }));
  const escrow = { senior: 4_000_000n * BigInt(ORDERS / 2), junior: 1_500_000n * BigInt(ORDERS / 2) };
  const buckets = new Map<number, bigint>();
  const loans = Array.from({ length: LOANS }, (_, i) => {
    for (let k = 1; k <= INSTALMENTS; k++) {
      const due = (Math.floor(GENESIS_SECONDS / DAY) + 30 * k + (i % 30)) * DAY + DAY;
      buckets.set(due, (buckets.get(due) ?? 0n) + 90_000n);
    }
    return { pool_id: "1", loan_id: String(i + 1), repaid: "0", write_off_fraction: "0", written_off_value: "0" };
  });
  const reserve = 5_000_000_000n;
  const pool = {
    id: "1",
    originator: signer.address,
    senior_apr: "0.050000000000000000",
    min_junior_ratio: "0.200000000000000000",
    max_junior_ratio: "0.500000000000000000",
    max_reserve: "100000000000000",
    investor_requirement: {},
    discount_apr: "0.100000000000000000",
    min_epoch_seconds: "0",
    reserve: reserve.toString(),
    senior_value: "0",
    senior_since: rfc3339(GENESIS_SECONDS),
    senior_supply: "0",
    junior_supply: "0",
    epoch: "1",
    epoch_start: rfc3339(GENESIS_SECONDS),
    epoch_state: "EPOCH_STATE_OPEN",
    senior_orders: { invest: escrow.senior.toString(), redeem: "0" },
    junior_orders: { invest: escrow.junior.toString(), redeem: "0" },
    payouts: "0",
    written_off_value: "0",
  };
  const bank = state.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] };
  bank.balances.push({ address: encodeAddress(moduleAddress("pools")), coins: [{ denom: "uusd", amount: (reserve + escrow.senior + escrow.junior).toString() }] });
  const pools = {
    pools: [pool],
    orders,
    loans,
    buckets: [...buckets].map(([due, amount]) => ({ pool_id: "1", due: rfc3339(due), amount: amount.toString() })),
    next_pool_id: "2",
  };
  return { bytes: new TextEncoder().encode(JSON.stringify({ ...state, pools })), buckets: buckets.size };
}

/** Times the block that closes (and so executes) an epoch of 10,000 orders in a pool of 10,000 loans. */
export async function runEpochCloseCase(): Promise<EpochCloseCase> {
  const dir = mkdtempSync(join(tmpdir(), "bench-epoch-close-"));
  const db = Database.open(join(dir, "data"));
  try {
    const signer = BenchSigner.deterministic(0, 0n);
    const genesis = benchGenesis(signer);
    const app = new PersistenceApp({ db, chainId: CHAIN_ID });
    await app.initChain({ time: blockTime(0), chainId: CHAIN_ID, consensusParams: defaultConsensusParams(), validators: [], appStateBytes: genesis.bytes, initialHeight: 1n });
    const block = async (height: number, txs: Uint8Array[]) => {
      const result = await app.finalizeBlock({ txs, decidedLastCommit: { round: 0, votes: [] }, misbehavior: [], hash: sha256(new TextEncoder().encode(`block ${height}`)), height: BigInt(height), time: blockTime(height), nextValidatorsHash: new Uint8Array(32), proposerAddress: new Uint8Array(20) });
      await app.commit();
      return result;
    };
    await block(1, []);
    const close = { typeUrl: "/persistence.pools.v1.MsgCloseEpoch", value: MsgCloseEpoch.encode({ sender: signer.address, poolId: 1n }).finish() };
    const tx = signer.sign(CHAIN_ID, close, { amount: 500n, gas: 400_000n });
    const started = performance.now();
    const result = await block(2, [tx]);
    const blockMs = performance.now() - started;
    const outcome = result.txResults[0]!;
    if (outcome.code !== 0) throw new Error(`MsgCloseEpoch failed: ${outcome.log}`);
    const executed = result.events.find((e) => e.type === "pool_epoch_executed");
    const invested = executed?.attributes.find((a) => a.key === "senior_invested")?.value;
    if (!invested || invested === "0") throw new Error("the epoch executed no orders");
    return { orders: ORDERS, loans: LOANS, buckets: genesis.buckets, blockMs };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The line `npm run bench` prints for this case. */
export function formatEpochCloseCase(result: EpochCloseCase): string {
  return `epoch close: ${result.orders} orders, ${result.loans} loans: ${result.blockMs.toFixed(0)} ms (finalizeBlock + commit of the MsgCloseEpoch block; NAV over ${result.buckets} due-day buckets)`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await runEpochCloseCase()));
}
