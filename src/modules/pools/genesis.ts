import { GenesisState } from "../../generated/persistence/pools/v1/genesis.js";
import { EpochState, Params, Pool, Tranche } from "../../generated/persistence/pools/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { ErrInvalidGenesis } from "./errors.js";
import type { PoolsKeeper } from "./keeper.js";
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

function checkPool(keeper: PoolsKeeper, pool: Pool, nextPoolId: bigint, seen: Set<bigint>): AppError | undefined {
  if (pool.id === 0n || pool.id >= nextPoolId || seen.has(pool.id)) return ErrInvalidGenesis.wrap(`pool id ${pool.id} is 0, repeated or not below next_pool_id`);
  if (isError(decodeAddress(pool.originator))) return ErrInvalidGenesis.wrap(`pool ${pool.id}: invalid originator`);
  const terms = parseTerms(pool, keeper);
  if (isError(terms)) return ErrInvalidGenesis.wrap(`pool ${pool.id}: ${terms.log}`);
  const amounts = [...LEDGER_FIELDS.map((field) => pool[field]), pool.seniorOrders?.invest, pool.seniorOrders?.redeem, pool.juniorOrders?.invest, pool.juniorOrders?.redeem];
  if (!amounts.every((a) => a !== undefined && WHOLE.test(a))) return ErrInvalidGenesis.wrap(`pool ${pool.id}: ledger amounts must be whole numbers`);
  if (pool.epoch === 0n || pool.epochState !== EpochState.EPOCH_STATE_OPEN) return ErrInvalidGenesis.wrap(`pool ${pool.id}: the epoch must be positive and open`);
  return undefined;
}

/**
 * Imports params, pools, orders, executed epochs, pool loans and buckets. References must hold:
 * every record names a known pool, orders and epochs lie at or before their pool's epoch, every
 * epoch an order still has to settle is present, and the pools account holds at least the uusd
 * the ledgers count.
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
  for (const pool of genesis.pools) {
    const error = checkPool(keeper, pool, nextPoolId, new Set(pools.keys()));
    if (error) return error;
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
  }
  for (const loan of genesis.loans) {
    if (!pools.has(loan.poolId) || !WHOLE.test(loan.repaid) || !WHOLE.test(loan.writeOffFraction) || !WHOLE.test(loan.writtenOffValue)) return ErrInvalidGenesis.wrap(`pool loan ${loan.loanId}: unknown pool or invalid amounts`);
    store.putLoan(loan);
  }
  for (const bucket of genesis.buckets) {
    if (!pools.has(bucket.poolId) || !bucket.due || !/^[1-9]\d*$/.test(bucket.amount)) return ErrInvalidGenesis.wrap(`bucket of pool ${bucket.poolId}: unknown pool or invalid amount`);
    store.addToBucket(bucket.poolId, bucket.due.seconds, BigInt(bucket.amount));
  }
  // Bank's genesis comes first: the pools account must hold every pool's reserve, payouts and invest escrow.
  const ledgers = [...pools.values()].reduce((sum, p) => sum + BigInt(p.reserve) + BigInt(p.payouts) + BigInt(p.seniorOrders!.invest) + BigInt(p.juniorOrders!.invest), 0n);
  const held = keeper.accountBalance(ctx);
  if (held < ledgers) return ErrInvalidGenesis.wrap(`pools' ledgers count ${ledgers}uusd but the pools account holds ${held}uusd`);
  store.setNextPoolId(nextPoolId);
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
