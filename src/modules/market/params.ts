import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { Params } from "../../generated/persistence/market/v1/types.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";
import type { IdentityKeeper } from "./expected-keepers.js";

/** The params with rates as 18-decimal fixed point. */
export interface MarketParams {
  makerFeeRate: bigint;
  takerFeeRate: bigint;
  maxFillsPerOrder: number;
  maxExpiriesPerBlock: number;
  recentTradesKept: number;
  /** What every order owner must meet to trade, on top of the asset's holder requirement. */
  tradingRequirement: ClaimRequirement;
}

/** Bounds that keep one tx's and one block's work small whatever the params say. */
const PARAM_LIMITS = { maxFillsPerOrder: 1000, maxExpiriesPerBlock: 10_000, recentTradesKept: 1000 } as const;

/**
 * 0.1% for makers, 0.2% for takers; 50 fills per order, 100 expiries per block, 100 trades kept
 * per base; a trading requirement that asks for no claims (only frozen and denied accounts fail).
 */
export const DEFAULT_MARKET_PARAMS: MarketParams = {
  makerFeeRate: ONE / 1000n,
  takerFeeRate: ONE / 500n,
  maxFillsPerOrder: 50,
  maxExpiriesPerBlock: 100,
  recentTradesKept: 100,
  tradingRequirement: ClaimRequirement.fromPartial({}),
};

export function toProtoParams(params: MarketParams): Params {
  return { ...params, makerFeeRate: formatDecimal(params.makerFeeRate), takerFeeRate: formatDecimal(params.takerFeeRate) };
}

/**
 * Parses and checks wire params: rates in [0, 1), counts from 1 to their limits, and a trading
 * requirement identity accepts (unset means the empty requirement).
 */
export function parseParams(params: Params, identity: Pick<IdentityKeeper, "validateRequirement">): MarketParams | AppError {
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
  const tradingRequirement = params.tradingRequirement ?? ClaimRequirement.fromPartial({});
  const invalid = identity.validateRequirement(tradingRequirement);
  if (invalid) return ErrInvalidParams.wrap(`trading_requirement: ${invalid.log}`);
  return {
    makerFeeRate,
    takerFeeRate,
    maxFillsPerOrder: params.maxFillsPerOrder,
    maxExpiriesPerBlock: params.maxExpiriesPerBlock,
    recentTradesKept: params.recentTradesKept,
    tradingRequirement,
  };
}
