import { formatCoins, type Coin } from "../types/coins.js";
import { mulCeil, parseDecimal } from "../types/decimal.js";

/** A price per unit of gas, in an 18-decimal fixed-point amount of `denom`. */
export interface GasPrice {
  denom: string;
  amount: bigint;
}

const GAS_PRICE_PATTERN = /^(\d+(?:\.\d+)?)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$/;

/** Parses a node's minimum gas prices, e.g. "0.025uxprt" or "0.025uxprt,0.1uusd"; "" means none. */
export function parseGasPrices(text: string): GasPrice[] {
  if (text.trim() === "") return [];
  return text.split(",").map((part) => {
    const match = GAS_PRICE_PATTERN.exec(part.trim());
    const amount = match ? parseDecimal(match[1]!) : undefined;
    if (!match || amount === undefined) throw new Error(`invalid gas price "${part}": expected e.g. 0.025uxprt`);
    return { denom: match[2]!, amount };
  });
}

/** The fee each priced denom would need for `gasLimit`, rounded up. */
export function requiredFees(prices: readonly GasPrice[], gasLimit: number): Coin[] {
  return prices.filter((p) => p.amount > 0n).map((p) => ({ denom: p.denom, amount: mulCeil(BigInt(gasLimit), p.amount) }));
}

/**
 * Whether `fee` pays the node's minimum: at least the required amount in one of the priced
 * denoms, as the Cosmos SDK's IsAnyGTE. Nothing is required when no price is set.
 */
export function feeMeetsMinimum(fee: readonly Coin[], required: readonly Coin[]): boolean {
  if (required.length === 0) return true;
  return required.some((r) => fee.some((c) => c.denom === r.denom && c.amount >= r.amount));
}

export function describeFees(coins: readonly Coin[]): string {
  return coins.length === 0 ? "0" : formatCoins(coins);
}
