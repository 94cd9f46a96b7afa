import { Params } from "../../generated/persistence/market/v1/types.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";

/** The params with rates as 18-decimal fixed point. */
export interface MarketParams {
  makerFeeRate: bigint;
  takerFeeRate: bigint;
  maxFillsPerOrder: number;
  maxExpiriesPerBlock: number;
  recentTradesKept: number;
}

/** Bounds that keep one tx's and one block's work small whatever the params say. */
const PARAM_LIMITS = { maxFillsPerOrder: 1000, maxExpiriesPerBlock: 10_000, recentTradesKept: 1000 } as const;

/** 0.1% for makers, 0.2% for takers; 50 fills per order, 100 expiries per block, 100 trades kept per base. */
export const DEFAULT_MARKET_PARAMS: MarketParams = {
  makerFeeRate: ONE / 1000n,
  takerFeeRate: ONE / 500n,
  maxFillsPerOrder: 50,
  maxExpiriesPerBlock: 100,
  recentTradesKept: 100,
};

export function toProtoParams(params: MarketParams): Params {
  return { ...params, makerFeeRate: formatDecimal(params.makerFeeRate), takerFeeRate: formatDecimal(params.takerFeeRate) };
}

/** Parses and checks wire params: rates in [0, 1), counts from 1 to their limits. */
export function parseParams(params: Params): MarketParams | AppError {
  const makerFeeRate = parseDecimal(params.makerFeeRate);
  const takerFeeRate = parseDecimal(params.takerFeeRate);
  if (makerFeeRate === undefined || makerFeeRate >= ONE) return ErrInvalidParams.wrap(`maker_fee_rate must be a decimal in [0, 1), got "${params.makerFeeRate}"`);
  if (takerFeeRate === undefined || takerFeeRate >= ONE) return ErrInvalidParams.wrap(`taker_fee_rate must be a decimal in [0, 1), got "${params.takerFeeRate}"`);
  const counts = [
    ["max_fills_per_order", params.maxFillsPerOrder, 1, PARAM_LIMITS.maxFillsPerOrder],
    ["max_expiries_per_block", params.maxExpiriesPerBlock, 1, PARAM_LIMITS.maxExpiriesPerBlock],
    ["recent_trades_kept", params.recentTradesKept, 1, PARAM_LIMITS.recentTradesKept],
  ] as const;
  for (const [name, value, min, max] of counts) {
    if (value < min || value > max) return ErrInvalidParams.wrap(`${name} must be from ${min} to ${max}, got ${value}`);
  }
  return { makerFeeRate, takerFeeRate, maxFillsPerOrder: params.maxFillsPerOrder, maxExpiriesPerBlock: params.maxExpiriesPerBlock, recentTradesKept: params.recentTradesKept };
}
