import { ONE } from "../../types/decimal.js";

/** Below one whole token (10^6 base units) a tranche's supply is dust. */
export const DUST_SUPPLY = 1_000_000n;

/**
 * A tranche token's price in uusd per token (18 decimals), rounded down: value / supply.
 * No supply, or a dust supply whose value rounds the price to 0, prices at 1 (the tranche starts
 * afresh: the dust holders share with newcomers, at most 10^6 uusd). A real supply with no value
 * left prices at 0: the tranche is wiped out and neither issues nor redeems until value returns.
 */
export function tokenPrice(value: bigint, supply: bigint): bigint {
  if (supply === 0n) return ONE;
  const price = (value * ONE) / supply;
  return price === 0n && supply < DUST_SUPPLY ? ONE : price;
}

/** tokens × price, rounded down (what redeeming pays). */
export function tokensValue(tokens: bigint, price: bigint): bigint {
  return (tokens * price) / ONE;
}

/** uusd / price, rounded down (what investing mints); 0 at a zero price. */
export function tokensFor(uusd: bigint, price: bigint): bigint {
  return price === 0n ? 0n : (uusd * ONE) / price;
}
