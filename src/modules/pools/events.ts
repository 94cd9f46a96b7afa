import type { Context } from "../../types/context.js";

/** The pools module's typed events. Amounts are base units; prices and fractions decimals with 18 fractional digits. */
export const EVENT = {
  poolCreated: "pool_created",
  orderUpdated: "pool_order_updated",
  epochClosed: "pool_epoch_closed",
  epochExecuted: "pool_epoch_executed",
  epochReopened: "pool_epoch_reopened",
  claimed: "pool_claimed",
  loanFinanced: "pool_loan_financed",
  loanPayment: "pool_loan_payment",
  loanImpaired: "pool_loan_impaired",
  loanWrittenOff: "pool_loan_written_off",
} as const;

/** Emits a pools event; bigint values are written in decimal. */
export function emit(ctx: Context, type: (typeof EVENT)[keyof typeof EVENT], attributes: Record<string, string | bigint>): void {
  ctx.events.emit(type, Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, value.toString()])));
}
