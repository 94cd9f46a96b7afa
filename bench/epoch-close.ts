import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PersistenceApp } from "../src/app/app.js";
import { buildAppState, XPRT_GENESIS_SUPPLY } from "../src/app/genesis-state.js";
import { GenesisState } from "../src/generated/persistence/lending/v1/genesis.js";
import { Loan, LoanStatus, ScheduleKind, type Appraisal, type Pledge } from "../src/generated/persistence/lending/v1/types.js";
import { MsgCloseEpoch } from "../src/generated/persistence/pools/v1/tx.js";
import { defaultAssetsGenesis } from "../src/modules/assets/genesis.js";
import { borrow, indexAt, newAccumulator, ratePerSecondFromApr } from "../src/modules/lending/interest.js";
import { defaultTime, outstandingOf, scheduleOf, toProtoCashflow } from "../src/modules/lending/loan.js";
import { DEFAULT_LENDING_PARAMS, toProtoParams } from "../src/modules/lending/params.js";
import { timestamp } from "../src/modules/lending/time.js";
import { bucketTime } from "../src/modules/pools/nav.js";
import { defaultConsensusParams } from "../src/node/consensus/genesis-doc.js";
import { timestampFromMillis } from "../src/node/time.js";
import { Database } from "../src/store/database.js";
import { sha256 } from "../src/store/hash.js";
import { encodeAddress, moduleAddress } from "../src/types/address.js";
import { formatDecimal, parseDecimal } from "../src/types/decimal.js";
import { camelToSnake, renameKeysDeep } from "../src/types/json-case.js";
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
const DAY = 86_400n;
const MONTH = 30n * DAY;
const GENESIS_SECONDS = Date.UTC(2025, 0, 1) / 1000;
const BLOCK_SECONDS = 5;
const blockTime = (height: number) => timestampFromMillis((GENESIS_SECONDS + height * BLOCK_SECONDS) * 1000);
const rfc3339 = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
const address = (label: string) => encodeAddress(sha256(new TextEncoder().encode(label)).subarray(0, 20));
const POOLS = encodeAddress(moduleAddress("pools"));
const LENDING = encodeAddress(moduleAddress("lending"));
/** Each loan: 1,000 USD at 12% APR, amortising monthly over a year, against 100 units of one invoice's fractions appraised at 2,000 USD. */
const PRINCIPAL = 1_000_000_000n;
const APR = parseDecimal("0.12")!;
const UNITS = 100n;
const COLLATERAL = "asset/invoice/bench";
/** Raised from investors: the loans' principal plus the reserve, 11,000,000 USD senior and the rest junior. */
const RESERVE = 5_000_000_000_000n;
const SENIOR = 11_000_000_000_000n;
const JUNIOR = PRINCIPAL * BigInt(LOANS) + RESERVE - SENIOR;
const snake = (json: unknown) => renameKeysDeep(json, camelToSnake);

/**
 * Lending's side: one invoice split into units, 100 pledged per loan, each appraised, and 10,000
 * active loans the pools account funded on one of the 30 days before genesis (so they fall due on
 * different days), their schedules, debts and rate accumulator as lending itself computes them.
 */
function lendingState(valuer: string): { lending: unknown; loans: Loan[] } {
  const genesis = BigInt(GENESIS_SECONDS);
  const rate = ratePerSecondFromApr(APR);
  const accumulator = newAccumulator(rate, genesis - 30n * DAY);
  const pledges: Pledge[] = [];
  const appraisals: Appraisal[] = [];
  const loans: Loan[] = [];
  for (let i = 1; i <= LOANS; i++) {
    const id = BigInt(i);
    const start = genesis - BigInt(i % 30) * DAY - 1n;
    const maturity = start + 12n * MONTH;
    const borrower = address(`bench borrower ${i}`);
    pledges.push({ id, owner: borrower, collateral: COLLATERAL, amount: UNITS.toString(), loanId: id, createdAt: timestamp(start - 2n) });
    appraisals.push({ id, pledgeId: id, valuer, value: (2n * PRINCIPAL).toString(), documentHash: new Uint8Array(), note: "bench", appraisedAt: timestamp(start - 1n) });
    const cashflows = scheduleOf({ principal: PRINCIPAL, apr: APR, start, maturity, graceSeconds: DAY }, ScheduleKind.SCHEDULE_KIND_AMORTISING, MONTH);
    const loan = Loan.fromPartial({
      id,
      pledgeId: id,
      borrower,
      lender: POOLS,
      appraisalId: id,
      principal: PRINCIPAL.toString(),
      apr: formatDecimal(APR),
      maturity: timestamp(maturity),
      graceSeconds: DAY,
      schedule: ScheduleKind.SCHEDULE_KIND_AMORTISING,
      periodSeconds: MONTH,
      status: LoanStatus.LOAN_STATUS_ACTIVE,
      requestedAt: timestamp(start - 1n),
      fundedAt: timestamp(start),
      ratePerSecond: formatDecimal(rate),
      normalizedDebt: formatDecimal(borrow(0n, PRINCIPAL, indexAt(accumulator, start))),
      outstandingPrincipal: PRINCIPAL.toString(),
      repaid: "0",
      cashflows: cashflows.map(toProtoCashflow),
      auctionProceeds: "0",
      writtenOffFraction: formatDecimal(0n),
    });
    loans.push({ ...loan, defaultAt: timestamp(defaultTime(loan)) });
  }
  const state = GenesisState.fromPartial({
    params: toProtoParams(DEFAULT_LENDING_PARAMS),
    valuers: [{ address: valuer, name: "Bench valuer" }],
    pledges,
    appraisals,
    loans,
    accumulators: [{ ratePerSecond: formatDecimal(rate), index: formatDecimal(accumulator.index), since: timestamp(accumulator.since) }],
    nextPledgeId: BigInt(LOANS + 1),
    nextAppraisalId: BigInt(LOANS + 1),
    nextLoanId: BigInt(LOANS + 1),
  });
  return { lending: snake(GenesisState.toJSON(state)), loans };
}

/** The invoice whose fractions back the loans, locked in the assets module as a fractionalised asset. */
function benchInvoice(issuer: string) {
  const bytes32 = (seed: number) => Buffer.alloc(32, seed).toString("base64");
  return {
    asset: {
      class_id: "invoice",
      id: "bench",
      owner: encodeAddress(moduleAddress("assets")),
      issuer,
      maintainer: issuer,
      status: "ASSET_STATUS_ISSUED",
      document_hash: bytes32(1),
      properties: [
        { name: "face_value", amount_value: { denom: "uusd", amount: (3n * PRINCIPAL * BigInt(LOANS)).toString() } },
        { name: "issue_date", timestamp_value: "2024-01-01T00:00:00Z" },
        { name: "due_date", timestamp_value: "2027-01-01T00:00:00Z" },
        { name: "obligor_commitment", hash32_value: bytes32(2) },
      ],
      issued_height: "1",
    },
    fraction: { denom: COLLATERAL, class_id: "invoice", id: "bench", units: (UNITS * BigInt(LOANS)).toString() },
  };
}

/**
 * The genesis: lending's 10,000 active loans funded by pool 1, whose NAV buckets are exactly those
 * loans' outstanding cashflows (as pools' genesis checks), a pool that raised their principal plus
 * its reserve from senior and junior investors, and 10,000 invest orders open in its epoch (half
 * senior, half junior, escrowed in the pools account). Closing the epoch reads the buckets and the
 * pool, never the orders or the loans.
 */
function benchGenesis(signer: BenchSigner): { bytes: Uint8Array; buckets: number } {
  const state = buildAppState([{ address: signer.address, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY }] }]);
  const { lending, loans } = lendingState(signer.address);
  const buckets = new Map<bigint, bigint>();
  for (const loan of loans) {
    for (const cashflow of outstandingOf(loan)) buckets.set(bucketTime(cashflow.due), (buckets.get(bucketTime(cashflow.due)) ?? 0n) + cashflow.amount);
  }
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
  const since = rfc3339(BigInt(GENESIS_SECONDS));
  const pool = {
    id: "1",
    originator: signer.address,
    senior_apr: "0.05",
    min_junior_ratio: "0.2",
    max_junior_ratio: "0.5",
    max_reserve: "100000000000000",
    investor_requirement: {},
    discount_apr: "0.1",
    min_epoch_seconds: "0",
    reserve: RESERVE.toString(),
    senior_value: SENIOR.toString(),
    senior_since: since,
    senior_supply: SENIOR.toString(),
    junior_supply: JUNIOR.toString(),
    epoch: "1",
    epoch_start: since,
    epoch_state: "EPOCH_STATE_OPEN",
    senior_orders: { invest: escrow.senior.toString(), redeem: "0" },
    junior_orders: { invest: escrow.junior.toString(), redeem: "0" },
    payouts: "0",
    written_off_value: "0",
  };
  const invoice = benchInvoice(signer.address);
  const bank = state.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] };
  bank.balances.push(
    { address: POOLS, coins: [{ denom: "uusd", amount: (RESERVE + escrow.senior + escrow.junior).toString() }] },
    { address: LENDING, coins: [{ denom: COLLATERAL, amount: invoice.fraction.units }] },
    { address: address("bench senior investor"), coins: [{ denom: "pool/1/senior", amount: SENIOR.toString() }] },
    { address: address("bench junior investor"), coins: [{ denom: "pool/1/junior", amount: JUNIOR.toString() }] },
  );
  const assets = defaultAssetsGenesis() as Record<string, unknown>;
  const pools = {
    pools: [pool],
    orders,
    loans: loans.map((loan) => ({ pool_id: "1", loan_id: loan.id.toString(), repaid: "0", write_off_fraction: "0", written_off_value: "0", impaired: false, collateral_value: "0" })),
    buckets: [...buckets].map(([due, amount]) => ({ pool_id: "1", due: rfc3339(due), amount: amount.toString() })),
    next_pool_id: "2",
  };
  const appState = { ...state, assets: { ...assets, assets: [invoice.asset], fractions: [invoice.fraction] }, lending, pools };
  return { bytes: new TextEncoder().encode(JSON.stringify(appState)), buckets: buckets.size };
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
