import type { Context } from "../../types/context.js";

/**
 * The lending module's typed events (every attribute indexed). Amounts are uusd base units
 * unless named otherwise, fractions decimals with 18 places ("0.500000000000000000").
 */
export const EVENT = {
  pledged: "pledged",
  pledgeWithdrawn: "pledge_withdrawn",
  appraised: "appraised",
  loanRequested: "loan_requested",
  loanRequestCancelled: "loan_request_cancelled",
  loanFunded: "loan_funded",
  loanRepaid: "loan_repaid",
  loanClosed: "loan_closed",
  loanImpaired: "loan_impaired",
  auctionStarted: "auction_started",
  auctionFill: "auction_fill",
  auctionSettled: "auction_settled",
  collateralRecovered: "collateral_recovered",
  collateralHeld: "collateral_held",
  proceedsReleased: "proceeds_released",
  loanWrittenOff: "loan_written_off",
} as const;

type Attributes = Record<string, string | bigint>;

/** Emits a lending event; bigint values are written in decimal. */
export function emit(ctx: Context, type: (typeof EVENT)[keyof typeof EVENT], attributes: Attributes): void {
  ctx.events.emit(type, Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, value.toString()])));
}
