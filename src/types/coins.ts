import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { ErrInvalidCoins, isError, type AppError } from "./errors.js";

/** An amount of one denom in base units. */
export interface Coin {
  denom: string;
  amount: bigint;
}

/** The Cosmos SDK's denom pattern. */
const DENOM_PATTERN = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const AMOUNT_PATTERN = /^(0|[1-9]\d*)$/;
/** Amounts are at most 256 bits, as the Cosmos SDK's Int. */
const MAX_AMOUNT = 2n ** 256n - 1n;

export function isValidDenom(denom: string): boolean {
  return DENOM_PATTERN.test(denom);
}

export function formatCoin(coin: Coin): string {
  return `${coin.amount}${coin.denom}`;
}

/** "100uxprt,5uusd", as the Cosmos SDK prints coins (empty string for none). */
export function formatCoins(coins: readonly Coin[]): string {
  return coins.map(formatCoin).join(",");
}

export function toProtoCoins(coins: readonly Coin[]): ProtoCoin[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

/** Parses one wire coin; zero is allowed here (a balance may be zero). */
export function parseCoin(coin: ProtoCoin): Coin | AppError {
  if (!isValidDenom(coin.denom)) return ErrInvalidCoins.wrap(`invalid denom: "${coin.denom}"`);
  if (!AMOUNT_PATTERN.test(coin.amount)) return ErrInvalidCoins.wrap(`invalid amount "${coin.amount}" for ${coin.denom}`);
  const amount = BigInt(coin.amount);
  if (amount > MAX_AMOUNT) return ErrInvalidCoins.wrap(`amount of ${coin.denom} exceeds 256 bits`);
  return { denom: coin.denom, amount };
}

/**
 * Parses a list of wire coins as the Cosmos SDK's Coins.Validate: each valid and positive,
 * denoms strictly ascending (sorted, no duplicates). An empty list is valid.
 */
export function parseCoins(coins: readonly ProtoCoin[]): Coin[] | AppError {
  const out: Coin[] = [];
  for (const wire of coins) {
    const coin = parseCoin(wire);
    if (isError(coin)) return coin;
    if (coin.amount === 0n) return ErrInvalidCoins.wrap(`${formatCoins(coinsOf(coins))}: coin ${coin.denom} has zero amount`);
    const previous = out[out.length - 1];
    if (previous && previous.denom >= coin.denom) {
      return ErrInvalidCoins.wrap(`${formatCoins(coinsOf(coins))}: denoms must be sorted and unique`);
    }
    out.push(coin);
  }
  return out;
}

function coinsOf(coins: readonly ProtoCoin[]): Coin[] {
  return coins.map((c) => ({ denom: c.denom, amount: AMOUNT_PATTERN.test(c.amount) ? BigInt(c.amount) : 0n }));
}

/** Sums coin lists into one sorted list. */
export function addCoins(...lists: readonly (readonly Coin[])[]): Coin[] {
  const totals = new Map<string, bigint>();
  for (const list of lists) for (const c of list) totals.set(c.denom, (totals.get(c.denom) ?? 0n) + c.amount);
  return [...totals.entries()]
    .filter(([, amount]) => amount !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount }));
}

export function coinsEqual(a: readonly Coin[], b: readonly Coin[]): boolean {
  return a.length === b.length && a.every((c, i) => c.denom === b[i]!.denom && c.amount === b[i]!.amount);
}
