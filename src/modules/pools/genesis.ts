import { GenesisState } from "../../generated/persistence/pools/v1/genesis.js";
import { EpochState, Params, Pool, Tranche } from "../../generated/persistence/pools/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { ErrInvalidGenesis } from "./errors.js";
import { checkLedgersAgainstBank, GenesisOrderTotals } from "./genesis-bank.js";
import type { PoolsKeeper } from "./keeper.js";
import { isPerforming, standingOf } from "./loan-book.js";
import { bucketTime } from "./nav.js";
import { settleOrder } from "./orders.js";
import { DEFAULT_POOLS_PARAMS, toProtoParams } from "./params.js";
import { PoolsStore } from "./store.js";
import { parseTerms } from "./terms.js";

function toJson(state: GenesisState): unknown {
  return renameKeysDeep(GenesisState.toJSON(state), camelToSnake);
}

export function defaultPoolsGenesis(): unknown {
  return toJson(GenesisState.fromPartial({ params: toProtoParams(DEFAULT_POOLS_PARAMS), nextPoolId: 1n }));
}

const WHOLE = /^(0|[1-9]\d*)$/;
const LEDGER_FIELDS = ["reserve", "seniorValue", "seniorSupply", "juniorSupply", "payouts", "writtenOffValue"] as const;

/** A genesis pool, checked, with its rates in the canonical 18-digit form. */
function checkPool(keeper: PoolsKeeper, pool: Pool, nextPoolId: bigint, seen: ReadonlyMap<bigint, Pool>): Pool | AppError {
  if (pool.id === 0n || pool.id >= nextPoolId || seen.has(pool.id)) return ErrInvalidGenesis.wrap(`pool id ${pool.id} is 0, repeated or not below next_pool_id`);
  if (isError(decodeAddress(pool.originator))) return ErrInvalidGenesis.wrap(`pool ${pool.id}: invalid originator`);
  const terms = parseTerms(pool, keeper);
  if (isError(terms)) return ErrInvalidGenesis.wrap(`pool ${pool.id}: ${terms.log}`);
  const amounts = [...LEDGER_FIELDS.map((field) => pool[field]), pool.seniorOrders?.invest, pool.seniorOrders?.redeem, pool.juniorOrders?.invest, pool.juniorOrders?.redeem];
  if (!amounts.every((a) => a !== undefined && WHOLE.test(a))) return ErrInvalidGenesis.wrap(`pool ${pool.id}: ledger amounts must be whole numbers`);
  if (pool.epoch === 0n || pool.epochState !== EpochState.EPOCH_STATE_OPEN) return ErrInvalidGenesis.wrap(`pool ${pool.id}: the epoch must be positive and open`);
  const rates = { seniorApr: terms.seniorApr, minJuniorRatio: terms.minJuniorRatio, maxJuniorRatio: terms.maxJuniorRatio, discountApr: terms.discountApr };
  return { ...pool, ...Object.fromEntries(Object.entries(rates).map(([key, value]) => [key, formatDecimal(value)])) };
}

/**
 * Imports params, pools, orders, executed epochs, pool loans and buckets. References must hold:
 * every record names a known pool, orders and epochs lie at or before their pool's epoch, every
 * epoch an order still has to settle is present; the NAV ledger is lending's and the uusd and
 * tranche ledgers are bank's (both imported before).
 */
export function initPoolsGenesis(keeper: PoolsKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { params?: unknown };
  const genesis = GenesisState.fromJSON(renameKeysDeep(raw, snakeToCamel));
  const params = raw.params ? keeper.parseParams(genesis.params ?? Params.fromPartial({})) : DEFAULT_POOLS_PARAMS;
  if (isError(params)) return params;
  keeper.setParams(ctx, params);
  const store = new PoolsStore(ctx);
  const nextPoolId = genesis.nextPoolId === 0n ? 1n : genesis.nextPoolId;
  const pools = new Map<bigint, Pool>();
  for (const record of genesis.pools) {
    const pool = checkPool(keeper, record, nextPoolId, pools);
    if (isError(pool)) return pool;
    pools.set(pool.id, pool);
    store.putPool(pool);
  }
  const epochs = new Set<string>();
  for (const result of genesis.epochs) {
    const pool = pools.get(result.poolId);
    if (!pool || result.epoch === 0n || result.epoch >= pool.epoch || !result.senior || !result.junior) return ErrInvalidGenesis.wrap(`epoch ${result.epoch} of pool ${result.poolId}: unknown pool, not yet executed, or incomplete`);
    epochs.add(`${result.poolId}/${result.epoch}`);
    store.putEpoch(result);
  }
  const totals = new GenesisOrderTotals();
  for (const order of genesis.orders) {
    const pool = pools.get(order.poolId);
    const investor = decodeAddress(order.investor);
    if (!pool || isError(investor) || (order.tranche !== Tranche.TRANCHE_SENIOR && order.tranche !== Tranche.TRANCHE_JUNIOR) || order.epoch === 0n || order.epoch > pool.epoch) {
      return ErrInvalidGenesis.wrap(`order of ${order.investor} in pool ${order.poolId}: unknown pool, invalid investor or tranche, or epoch after the pool's`);
    }
    if (![order.invest, order.redeem, order.claimableTokens, order.claimableUusd].every((a) => WHOLE.test(a))) return ErrInvalidGenesis.wrap(`order of ${order.investor} in pool ${order.poolId}: amounts must be whole numbers`);
    const open = order.invest !== "0" || order.redeem !== "0";
    for (let epoch = order.epoch; open && epoch < pool.epoch; epoch++) {
      if (!epochs.has(`${order.poolId}/${epoch}`)) return ErrInvalidGenesis.wrap(`order of ${order.investor} in pool ${order.poolId} needs executed epoch ${epoch}`);
    }
    store.putOrder(investor, order);
    // Settled through the epochs just checked, as a later touch would: what it keeps open and is owed.
    totals.add(settleOrder(store, pool, order, Number.MAX_SAFE_INTEGER).order);
  }
  const navError = importLoans(keeper, ctx, store, genesis, pools);
  if (navError) return navError;
  const bankError = checkLedgersAgainstBank(keeper, ctx, pools, totals);
  if (bankError) return bankError;
  store.setNextPoolId(nextPoolId);
  return undefined;
}

/**
 * Imports the pool loans and buckets, which must be what lending's loans (imported before) say:
 * the buckets of each pool hold exactly its performing loans' outstanding cashflows, and its
 * written_off_value is the sum of its other loans' values, each as the hooks would compute it.
 */
function importLoans(keeper: PoolsKeeper, ctx: Context, store: PoolsStore, genesis: GenesisState, pools: Map<bigint, Pool>): AppError | undefined {
  const expected = new Map<string, bigint>();
  const written = new Map<bigint, bigint>();
  const seen = new Set<bigint>();
  for (const loan of genesis.loans) {
    const fraction = parseDecimal(loan.writeOffFraction);
    const amounts = [loan.repaid, loan.writtenOffValue, loan.collateralValue];
    if (!pools.has(loan.poolId) || seen.has(loan.loanId) || fraction === undefined || fraction >= ONE || !amounts.every((a) => WHOLE.test(a))) {
      return ErrInvalidGenesis.wrap(`pool loan ${loan.loanId}: unknown pool, repeated, or invalid amounts or fraction`);
    }
    seen.add(loan.loanId);
    const contribution = keeper.loans.contribution(ctx, pools.get(loan.poolId)!, loan);
    if (typeof contribution === "string") return ErrInvalidGenesis.wrap(`pool loan ${loan.loanId}: ${contribution}`);
    const value = BigInt(loan.writtenOffValue);
    // A performing loan counts in the buckets only; another at most what the hooks would value it at now.
    if (isPerforming(standingOf(loan)) ? value !== 0n : value > contribution.value) {
      return ErrInvalidGenesis.wrap(`pool loan ${loan.loanId}: written_off_value ${loan.writtenOffValue}, at most ${contribution.value}`);
    }
    written.set(loan.poolId, (written.get(loan.poolId) ?? 0n) + value);
    for (const cashflow of contribution.cashflows) {
      const key = `${loan.poolId}/${bucketTime(cashflow.due)}`;
      expected.set(key, (expected.get(key) ?? 0n) + cashflow.amount);
    }
    store.putLoan({ ...loan, writeOffFraction: formatDecimal(fraction) });
  }
  for (const bucket of genesis.buckets) {
    const key = `${bucket.poolId}/${bucket.due?.seconds}`;
    const amount = expected.get(key);
    if (!pools.has(bucket.poolId) || !bucket.due || amount === undefined || bucket.amount !== amount.toString()) {
      return ErrInvalidGenesis.wrap(`bucket of pool ${bucket.poolId} due ${bucket.due?.seconds}: unknown pool, or not the ${amount ?? 0n}uusd its loans' outstanding cashflows sum to`);
    }
    expected.delete(key);
    store.addToBucket(bucket.poolId, bucket.due.seconds, amount);
  }
  const missing = expected.keys().next();
  if (!missing.done) return ErrInvalidGenesis.wrap(`bucket ${missing.value} (pool/day) is missing for the pool's loans`);
  for (const pool of pools.values()) {
    const sum = written.get(pool.id) ?? 0n;
    if (pool.writtenOffValue !== sum.toString()) return ErrInvalidGenesis.wrap(`pool ${pool.id}: written_off_value ${pool.writtenOffValue}, but its loans count ${sum}`);
  }
  return undefined;
}

export function exportPoolsGenesis(keeper: PoolsKeeper, ctx: Context): unknown {
  const store = new PoolsStore(ctx);
  return toJson({
    params: toProtoParams(keeper.getParams(ctx)),
    pools: [...store.pools().iterate()].map(([, value]) => Pool.decode(value)),
    orders: [...store.allOrders()],
    epochs: [...store.allEpochs()],
    loans: [...store.allLoans()],
    buckets: [...store.allBuckets()],
    nextPoolId: store.nextPoolId(),
  });
}
