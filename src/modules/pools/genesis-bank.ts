import type { Order, Pool } from "../../generated/persistence/pools/v1/types.js";
import type { Context } from "../../types/context.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidGenesis } from "./errors.js";
import { openOrders, trancheName, type PoolsKeeper, type TrancheName } from "./keeper.js";
import { trancheDenom } from "./keys.js";

/** Σ over one tranche's orders, each settled through the genesis's executed epochs. */
interface OrderTotals {
  invest: bigint;
  redeem: bigint;
  claimableTokens: bigint;
  claimableUusd: bigint;
}

const TRANCHES = ["senior", "junior"] as const;

/** The genesis orders' totals per pool and tranche, gathered as they are imported. */
export class GenesisOrderTotals {
  private readonly totals = new Map<string, OrderTotals>();

  /** Adds an order already settled through every executed epoch it was open in. */
  add(order: Order): void {
    const total = this.of(order.poolId, trancheName(order.tranche));
    total.invest += BigInt(order.invest);
    total.redeem += BigInt(order.redeem);
    total.claimableTokens += BigInt(order.claimableTokens);
    total.claimableUusd += BigInt(order.claimableUusd);
  }

  of(poolId: bigint, tranche: TrancheName): OrderTotals {
    const key = `${poolId}/${tranche}`;
    let total = this.totals.get(key);
    if (!total) this.totals.set(key, (total = { invest: 0n, redeem: 0n, claimableTokens: 0n, claimableUusd: 0n }));
    return total;
  }
}

/**
 * Checks the pools' ledgers against bank (imported before): per pool, its orders lie within its
 * open order totals and payouts; per tranche denom, bank's supply is the pool's recorded supply
 * and the pools account holds at least the tokens it owes (escrowed redeem orders and unclaimed
 * minted tokens); the account holds at least every pool's reserve, payouts and invest escrow in
 * uusd; and bank has no `pool/…` denom of a pool the genesis does not have. The account may hold
 * more than owed (a stray transfer, settlement dust), never less.
 */
export function checkLedgersAgainstBank(keeper: PoolsKeeper, ctx: Context, pools: ReadonlyMap<bigint, Pool>, orders: GenesisOrderTotals): AppError | undefined {
  const uusd = { reserve: 0n, payouts: 0n, invest: 0n };
  for (const pool of pools.values()) {
    const refused = checkOrders(pool, orders) ?? checkTranches(keeper, ctx, pool, orders);
    if (refused) return refused;
    uusd.reserve += BigInt(pool.reserve);
    uusd.payouts += BigInt(pool.payouts);
    uusd.invest += BigInt(pool.seniorOrders!.invest) + BigInt(pool.juniorOrders!.invest);
  }
  const owed = uusd.reserve + uusd.payouts + uusd.invest;
  const held = keeper.accountBalance(ctx, STABLECOIN_DENOM);
  if (held < owed) {
    return ErrInvalidGenesis.wrap(`the ${pools.size} pools' ledgers count ${owed}uusd (reserves ${uusd.reserve} + payouts ${uusd.payouts} + open invest orders ${uusd.invest}) but the pools account holds ${held}uusd`);
  }
  const denoms = new Set([...pools.keys()].flatMap((id) => TRANCHES.map((name) => trancheDenom(id, name))));
  for (const { denom, supply } of keeper.poolDenomSupplies(ctx)) {
    if (!denoms.has(denom)) return ErrInvalidGenesis.wrap(`bank has a supply of ${supply}${denom}, which is no tranche of a pool in the genesis`);
  }
  return undefined;
}

/** A pool's orders, settled, keep open at most its open order totals and claim at most its payouts (the rest is rounding dust). */
function checkOrders(pool: Pool, orders: GenesisOrderTotals): AppError | undefined {
  for (const name of TRANCHES) {
    const open = openOrders(pool, name);
    const total = orders.of(pool.id, name);
    if (total.invest > BigInt(open.invest) || total.redeem > BigInt(open.redeem)) {
      return ErrInvalidGenesis.wrap(`pool ${pool.id} ${name}: its orders keep ${total.invest}uusd invest and ${total.redeem} tokens redeem open, but the pool counts ${open.invest} and ${open.redeem}`);
    }
  }
  const claimable = orders.of(pool.id, "senior").claimableUusd + orders.of(pool.id, "junior").claimableUusd;
  if (claimable > BigInt(pool.payouts)) return ErrInvalidGenesis.wrap(`pool ${pool.id}: its orders claim ${claimable}uusd, but its payouts are ${pool.payouts}`);
  return undefined;
}

/** Bank's supply of each tranche token is the pool's recorded supply; the pools account holds what it owes of it. */
function checkTranches(keeper: PoolsKeeper, ctx: Context, pool: Pool, orders: GenesisOrderTotals): AppError | undefined {
  for (const name of TRANCHES) {
    const denom = trancheDenom(pool.id, name);
    const recorded = BigInt(name === "senior" ? pool.seniorSupply : pool.juniorSupply);
    const supply = keeper.bankSupply(ctx, denom);
    if (supply !== recorded) return ErrInvalidGenesis.wrap(`pool ${pool.id}: ${name}_supply is ${recorded} but bank's supply of ${denom} is ${supply}`);
    const redeem = BigInt(openOrders(pool, name).redeem);
    const unclaimed = orders.of(pool.id, name).claimableTokens;
    const held = keeper.accountBalance(ctx, denom);
    if (held < redeem + unclaimed) {
      return ErrInvalidGenesis.wrap(`pool ${pool.id}: the pools account owes ${redeem + unclaimed}${denom} (open redeem orders ${redeem} + unclaimed ${unclaimed}) but holds ${held}`);
    }
  }
  return undefined;
}
