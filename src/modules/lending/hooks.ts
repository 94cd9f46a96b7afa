import type { Context } from "../../types/context.js";

/** uusd a lender received on a loan, split as the debt absorbed it (interest first). */
export interface LoanPayment {
  loanId: bigint;
  lender: Uint8Array;
  principal: bigint;
  interest: bigint;
}

/** A write-off step reached: `fraction` (18 decimals) of the loan's `debt` is now written off, `writtenOff` uusd. */
export interface LoanWriteOff {
  loanId: bigint;
  lender: Uint8Array;
  debt: bigint;
  fraction: bigint;
  writtenOff: bigint;
  /** True when the step wrote off everything and closed the loan. */
  closed: boolean;
}

/**
 * A loan impaired (unpaid past its default time), before its collateral goes on auction: its
 * `debt` now, and `collateralValue`, the latest appraisal of its collateral × the class's advance
 * rate, rounded down (what lending would lend against that collateral today; 0 without a rate).
 */
export interface LoanImpairment {
  loanId: bigint;
  lender: Uint8Array;
  debt: bigint;
  collateralValue: bigint;
}

/**
 * What lending tells other modules (pools) so they keep their own ledgers without reading
 * balances: each is called after the coins moved, in the same tx or block hook.
 */
export interface LendingHooks {
  /** The borrower repaid (MsgRepay). */
  afterRepayment?(ctx: Context, payment: LoanPayment): void;
  /** The loan is impaired; called before the auction order is placed, so its fills come after. */
  afterImpairment?(ctx: Context, impairment: LoanImpairment): void;
  /** Auction proceeds paid towards the debt; `collateral` is true when the collateral itself went to the lender instead (amounts 0). */
  afterRecovery?(ctx: Context, payment: LoanPayment & { collateral: boolean }): void;
  afterWriteOff?(ctx: Context, writeOff: LoanWriteOff): void;
}
