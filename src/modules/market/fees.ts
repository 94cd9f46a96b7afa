import { mulCeil } from "../../types/decimal.js";
import type { MarketParams } from "./params.js";

/**
 * The market's money math, all in uusd base units. Fees are a rate (18 decimals) of a fill's
 * notional, price × quantity, rounded up: the protocol never undercharges by a fraction of a unit.
 */

/** The fee on a notional at `rate`, rounded up. */
export function feeOn(notional: bigint, rate: bigint): bigint {
  return mulCeil(notional, rate);
}

/**
 * What a buy order escrows per base unit: its limit price plus the worst-case fee on one unit
 * (the higher of the two rates, rounded up). A fill of q units at price P ≤ limit charges
 * ceil(q·P·rate) ≤ q·ceil(limit·max rate), so the escrow of the units still open always covers
 * them, whatever fills came before.
 */
export function buyEscrowPerUnit(price: bigint, params: MarketParams): bigint {
  const worstRate = params.makerFeeRate > params.takerFeeRate ? params.makerFeeRate : params.takerFeeRate;
  return price + mulCeil(price, worstRate);
}

/** The uusd a buy order of `quantity` at `price` escrows. */
export function buyEscrow(price: bigint, quantity: bigint, params: MarketParams): bigint {
  return quantity * buyEscrowPerUnit(price, params);
}
