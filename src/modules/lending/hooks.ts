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
 * What lending tells other modules (pools) so they keep their own ledgers without reading
 * balances: each is called after the coins moved, in the same tx or block hook.
 */
export interface LendingHooks {
  /** The borrower repaid (MsgRepay). */
  afterRepayment?(ctx: Context, payment: LoanPayment): void;
  /** Auction proceeds paid towards the debt; `collateral` is true when the collateral itself went to the lender instead (amounts 0). */
  afterRecovery?(ctx: Context, payment: LoanPayment & { collateral: boolean }): void;
  afterWriteOff?(ctx: Context, writeOff: LoanWriteOff): void;
}
