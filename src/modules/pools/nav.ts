import type { Pool } from "../../generated/persistence/pools/v1/types.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { accrue, ratePerSecondFromApr, SECONDS_PER_DAY } from "../lending/interest.js";
import { presentValue } from "../lending/present-value.js";
import type { Cashflow } from "../lending/schedule.js";
import { tokenPrice } from "./price.js";
import type { PoolsStore } from "./store.js";

/**
 * A cashflow's bucket: the end of its day (due rounded up to a multiple of 86,400 s). Valuing a
 * cashflow at the end of its day discounts it slightly more, so the NAV never overstates.
 */
export function bucketTime(due: bigint): bigint {
  return ((due + SECONDS_PER_DAY - 1n) / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

/** Adds (sign 1) or removes (sign −1) cashflows from a pool's buckets. */
export function moveCashflows(store: PoolsStore, poolId: bigint, cashflows: readonly Pick<Cashflow, "due" | "amount">[], sign: 1n | -1n): void {
  for (const cashflow of cashflows) if (cashflow.amount > 0n) store.addToBucket(poolId, bucketTime(cashflow.due), sign * cashflow.amount);
}

/** A pool's discount rate per second (its discount APR, rounded up as lending's rates). */
export const discountRateOf = (pool: Pick<Pool, "discountApr">): bigint => ratePerSecondFromApr(parseDecimal(pool.discountApr)!);
const rateOf = (apr: string): bigint => ratePerSecondFromApr(parseDecimal(apr)!);

/**
 * The pool's NAV at `now`: the present value of every bucket at the pool's discount rate (each
 * rounded down; a bucket already due counts at its amount) plus the written-off loans' remaining
 * value. O(buckets): one per day with expected cashflows, never one per loan.
 */
export function netAssetValue(store: PoolsStore, pool: Pool, now: bigint): bigint {
  const rate = discountRateOf(pool);
  let nav = BigInt(pool.writtenOffValue);
  for (const bucket of store.buckets(pool.id)) nav += presentValue({ due: bucket.due!.seconds, amount: BigInt(bucket.amount) }, rate, now);
  return nav;
}

/**
 * The senior tranche's value with its APR accrued to `now` from its checkpoint: value × growth,
 * the growth factor rounded up to 18 decimals (lending's `accrue` of ONE) and the product rounded
 * down, so what the pool owes its seniors is never rounded up at the junior's expense.
 */
export function seniorAccrued(pool: Pool, now: bigint): bigint {
  const since = pool.seniorSince?.seconds ?? now;
  return seniorGrowth(BigInt(pool.seniorValue), rateOf(pool.seniorApr), now > since ? now - since : 0n);
}

/** value × ratePerSecond^seconds: the factor rounded up to 18 decimals, the product rounded down. */
export function seniorGrowth(value: bigint, ratePerSecond: bigint, seconds: bigint): bigint {
  return (value * accrue(ONE, ratePerSecond, seconds)) / ONE;
}

export interface PoolValues {
  nav: bigint;
  reserve: bigint;
  senior: bigint;
  junior: bigint;
  seniorPrice: bigint;
  juniorPrice: bigint;
}

/** NAV + reserve split between the tranches: the senior first (capped at the assets), the junior the rest; losses hit the junior first. */
export function poolValues(store: PoolsStore, pool: Pool, now: bigint): PoolValues {
  const nav = netAssetValue(store, pool, now);
  const reserve = BigInt(pool.reserve);
  const assets = nav + reserve;
  const accrued = seniorAccrued(pool, now);
  const senior = accrued < assets ? accrued : assets;
  const junior = assets - senior;
  return { nav, reserve, senior, junior, seniorPrice: tokenPrice(senior, BigInt(pool.seniorSupply)), juniorPrice: tokenPrice(junior, BigInt(pool.juniorSupply)) };
}

/**
 * The value of a loan out of the buckets (impaired or written off) at `now`: the present value of
 * its outstanding cashflows as the buckets count them (each at the end of its day, rounded down),
 * capped once impaired at the collateral value it can be relied on for, less the write-off
 * fraction, rounded down. So it never exceeds what the loan counted for while performing, what the
 * borrower still owes, nor what the collateral backs. It is fixed until the next hook re-values it.
 */
export function impairedValue(outstanding: readonly Pick<Cashflow, "due" | "amount">[], collateralCap: bigint | undefined, fraction: bigint, discountRate: bigint, now: bigint): bigint {
  const worth = outstanding.reduce((sum, c) => sum + presentValue({ due: bucketTime(c.due), amount: c.amount }, discountRate, now), 0n);
  const basis = collateralCap !== undefined && collateralCap < worth ? collateralCap : worth;
  return (basis * (ONE - fraction)) / ONE;
}
