import type { DecCoin as ProtoDecCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import type { Coin } from "../../types/coins.js";
import { decMul, decMulTruncate, decQuoTruncate, formatDecimal, ONE } from "../../types/decimal.js";

/**
 * The Cosmos SDK's DecCoins: 18-decimal amounts per denom, sorted by denom, no zero entries.
 * Every function returns a new list in that canonical form.
 */
export interface DecCoin {
  denom: string;
  /** The amount × 10^18. */
  amount: bigint;
}

export type DecCoins = readonly DecCoin[];

function canonical(totals: Map<string, bigint>): DecCoin[] {
  return [...totals.entries()]
    .filter(([, amount]) => amount !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount }));
}

function map(coins: DecCoins, f: (amount: bigint) => bigint): DecCoin[] {
  return canonical(new Map(coins.map((c) => [c.denom, f(c.amount)])));
}

export function fromCoins(coins: readonly Coin[]): DecCoin[] {
  return map(coins, (amount) => amount * ONE);
}

export function addDecCoins(...lists: DecCoins[]): DecCoin[] {
  const totals = new Map<string, bigint>();
  for (const list of lists) for (const c of list) totals.set(c.denom, (totals.get(c.denom) ?? 0n) + c.amount);
  return canonical(totals);
}

/** a − b; a negative result is a broken ledger, never an expected failure. */
export function subDecCoins(a: DecCoins, b: DecCoins): DecCoin[] {
  const totals = new Map(a.map((c) => [c.denom, c.amount]));
  for (const c of b) {
    const left = (totals.get(c.denom) ?? 0n) - c.amount;
    if (left < 0n) throw new Error(`negative DecCoins: ${formatDecCoins(a)} - ${formatDecCoins(b)}`);
    totals.set(c.denom, left);
  }
  return canonical(totals);
}

/** Each amount × d, rounded half to even (DecCoins.MulDec). */
export function mulDec(coins: DecCoins, d: bigint): DecCoin[] {
  return map(coins, (amount) => decMul(amount, d));
}

/** Each amount × d, truncated (DecCoins.MulDecTruncate). */
export function mulDecTruncate(coins: DecCoins, d: bigint): DecCoin[] {
  return map(coins, (amount) => decMulTruncate(amount, d));
}

/** Each amount ÷ d, truncated (DecCoins.QuoDecTruncate); d > 0. */
export function quoDecTruncate(coins: DecCoins, d: bigint): DecCoin[] {
  return map(coins, (amount) => decQuoTruncate(amount, d));
}

/** The least of each denom both hold (DecCoins.Intersect). */
export function intersect(a: DecCoins, b: DecCoins): DecCoin[] {
  const other = new Map(b.map((c) => [c.denom, c.amount]));
  return canonical(new Map(a.map((c) => [c.denom, c.amount < (other.get(c.denom) ?? 0n) ? c.amount : (other.get(c.denom) ?? 0n)])));
}

/** The whole coins and the fractional change left over (DecCoins.TruncateDecimal). */
export function truncateDecimal(coins: DecCoins): { whole: Coin[]; change: DecCoin[] } {
  const whole = coins.map((c) => ({ denom: c.denom, amount: c.amount / ONE })).filter((c) => c.amount > 0n);
  return { whole, change: map(coins, (amount) => amount % ONE) };
}

export function isZero(coins: DecCoins): boolean {
  return coins.length === 0;
}

export function amountOf(coins: DecCoins, denom: string): bigint {
  return coins.find((c) => c.denom === denom)?.amount ?? 0n;
}

/** "1.500000000000000000uxprt,2.000000000000000000uusd", as the SDK prints DecCoins. */
export function formatDecCoins(coins: DecCoins): string {
  return coins.map((c) => `${formatDecimal(c.amount)}${c.denom}`).join(",");
}

/** Protobuf form: the 18-decimal integer without a point. */
export function toProtoDecCoins(coins: DecCoins): ProtoDecCoin[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

export function fromProtoDecCoins(coins: readonly ProtoDecCoin[]): DecCoin[] {
  return canonical(new Map(coins.map((c) => [c.denom, BigInt(c.amount)])));
}
