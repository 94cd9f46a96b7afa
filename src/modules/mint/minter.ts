import { decMul, decQuo, ONE } from "../../types/decimal.js";
import type { MinterState, MintParams } from "./params.js";

/**
 * The Cosmos SDK's minter arithmetic on 18-decimal fixed point. Intermediate quotients and
 * products round half to even, as LegacyDec's Quo and Mul do; the bonded ratio and the block
 * provision truncate (QuoInt, TruncateInt), so rounding never mints more than the formula.
 */

/** bonded / supply, truncated; 0 when there is no supply. */
export function bondedRatio(bonded: bigint, supply: bigint): bigint {
  return supply > 0n ? (bonded * ONE) / supply : 0n;
}

/**
 * Inflation moves toward what reaches the bonded goal: by inflation_rate_change × (1 − ratio /
 * goal) a year, spread over blocks_per_year blocks, then clamped to [inflation_min, inflation_max].
 */
export function nextInflationRate(minter: MinterState, params: MintParams, ratio: bigint): bigint {
  const changePerYear = decMul(ONE - decQuo(ratio, params.goalBonded), params.inflationRateChange);
  const change = decQuo(changePerYear, params.blocksPerYear * ONE);
  const inflation = minter.inflation + change;
  if (inflation > params.inflationMax) return params.inflationMax;
  if (inflation < params.inflationMin) return params.inflationMin;
  return inflation;
}

/** inflation × supply, exact (an 18-decimal amount). */
export function nextAnnualProvisions(inflation: bigint, supply: bigint): bigint {
  return inflation * supply;
}

/** This block's whole-unit provision: annual provisions / blocks_per_year, truncated. */
export function blockProvision(minter: MinterState, params: MintParams): bigint {
  return minter.annualProvisions / (params.blocksPerYear * ONE);
}
