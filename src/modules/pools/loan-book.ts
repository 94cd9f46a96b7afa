import { LoanStatus, type Loan } from "../../generated/persistence/lending/v1/types.js";
import { EpochState, type Pool, type PoolLoan } from "../../generated/persistence/pools/v1/types.js";
import { bytesEqual } from "../../store/bytes.js";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import type { LendingHooks, LoanPayment } from "../lending/hooks.js";
import { fromProtoCashflow } from "../lending/loan.js";
import { outstandingCashflows, type Cashflow } from "../lending/schedule.js";
import { ErrEpochExecuting, ErrInsufficientReserve, ErrLoanNotFinanceable, ErrNotOriginator, ErrPoolNotFound } from "./errors.js";
import { emit, EVENT } from "./events.js";
import type { PoolsLendingKeeper } from "./expected-keepers.js";
import { discountRateOf, impairedValue, moveCashflows } from "./nav.js";
import { PoolsStore } from "./store.js";

const RUNNING = new Set([LoanStatus.LOAN_STATUS_ACTIVE, LoanStatus.LOAN_STATUS_AUCTION, LoanStatus.LOAN_STATUS_DEFAULTED]);

/**
 * The pools' loans: financing from a pool's reserve, and the NAV ledger lending's hooks keep. A
 * performing loan's outstanding expected cashflows sit in its pool's due-date buckets; from its
 * impairment on it counts at ⌊min(outstanding face, collateral value) × (1 − write-off fraction)⌋
 * instead (nav.ts `impairedValue`). Every sync removes the loan's previous contribution and adds
 * the new one, O(its cashflows). Payments reach the reserve only through the hooks: a stray
 * transfer to the pools account changes no pool.
 */
export class LoanBook {
  constructor(
    private readonly lending: PoolsLendingKeeper,
    private readonly account: Uint8Array,
  ) {}

  /** MsgFinanceLoan: the originator funds a requested loan from the pool's reserve, with the pools account as lender. */
  finance(ctx: Context, originator: Uint8Array, poolId: bigint, loanId: bigint): AppError | undefined {
    const store = new PoolsStore(ctx);
    const pool = store.getPool(poolId);
    if (!pool) return ErrPoolNotFound.wrap(`no pool ${poolId}`);
    if (pool.originator !== encodeAddress(originator)) return ErrNotOriginator.wrap(`pool ${poolId} belongs to ${pool.originator}`);
    if (pool.epochState === EpochState.EPOCH_STATE_EXECUTING) return ErrEpochExecuting.wrap(`epoch ${pool.epoch} of pool ${poolId} is executing in this block`);
    const request = this.lending.getLoan(ctx, loanId);
    if (!request || request.status !== LoanStatus.LOAN_STATUS_REQUESTED) return ErrLoanNotFinanceable.wrap(`loan ${loanId} is not an open request`);
    const principal = BigInt(request.principal);
    const reserve = BigInt(pool.reserve);
    if (principal > reserve) return ErrInsufficientReserve.wrap(`loan ${loanId} needs ${principal}uusd, pool ${poolId} reserve holds ${reserve}uusd`);
    // The reserve pays before lending runs, so nothing lending calls back into sees it unpaid (a refusal reverts the tx).
    store.putPool({ ...pool, reserve: (reserve - principal).toString() });
    const funded = this.lending.fundLoan(ctx, loanId, this.account);
    if (funded) return funded;
    const loan = this.lending.getLoan(ctx, loanId)!;
    const entry: PoolLoan = { poolId, loanId, repaid: loan.repaid, writeOffFraction: formatDecimal(0n), writtenOffValue: "0", impaired: false, collateralValue: "0" };
    store.putLoan(entry);
    moveCashflows(store, poolId, outstandingOf(loan, BigInt(loan.repaid)), 1n);
    emit(ctx, EVENT.loanFinanced, { pool_id: poolId, loan_id: loanId, principal, reserve: reserve - principal });
    return undefined;
  }

  /**
   * Genesis: checks a pool loan against lending's record (a running loan lent by the pools account,
   * repaid as recorded, impaired exactly when lending no longer has it active) and returns what it
   * adds to its pool's NAV: its outstanding cashflows while performing, else the most it may be
   * valued at now (values are fixed when a hook computes them, and only rise with time).
   */
  contribution(ctx: Context, pool: Pool, entry: PoolLoan): { cashflows: Cashflow[]; value: bigint } | string {
    const loan = this.lending.getLoan(ctx, entry.loanId);
    if (!loan || !RUNNING.has(loan.status) || loan.lender !== encodeAddress(this.account)) return `lending has no running loan ${entry.loanId} lent by the pools account`;
    if (loan.repaid !== entry.repaid) return `repaid ${entry.repaid} but lending counts ${loan.repaid}`;
    if (entry.impaired !== (loan.status !== LoanStatus.LOAN_STATUS_ACTIVE)) return `impaired must be ${loan.status !== LoanStatus.LOAN_STATUS_ACTIVE} for a loan in lending status ${LoanStatus[loan.status]}`;
    const outstanding = outstandingOf(loan, BigInt(loan.repaid));
    const standing = standingOf(entry);
    if (isPerforming(standing)) return { cashflows: outstanding, value: 0n };
    return { cashflows: [], value: impairedValue(outstanding, standing.impaired ? standing.collateralValue : undefined, standing.fraction, discountRateOf(pool), ctx.block.time.seconds) };
  }

  hooks(): LendingHooks {
    return {
      afterImpairment: (ctx, impairment) => {
        const store = new PoolsStore(ctx);
        const entry = this.ownEntry(store, impairment.lender, impairment.loanId);
        if (!entry) return;
        const value = this.sync(ctx, store, entry, { ...standingOf(entry), impaired: true, collateralValue: impairment.collateralValue }, false);
        emit(ctx, EVENT.loanImpaired, { pool_id: entry.poolId, loan_id: entry.loanId, debt: impairment.debt, collateral_value: impairment.collateralValue, value });
      },
      afterRepayment: (ctx, payment) => this.paid(ctx, payment, "repayment"),
      afterRecovery: (ctx, payment) => this.paid(ctx, payment, payment.collateral ? "collateral" : "recovery"),
      afterWriteOff: (ctx, writeOff) => {
        const store = new PoolsStore(ctx);
        const entry = this.ownEntry(store, writeOff.lender, writeOff.loanId);
        if (!entry) return;
        this.sync(ctx, store, entry, { ...standingOf(entry), fraction: writeOff.fraction }, writeOff.closed);
        emit(ctx, EVENT.loanWrittenOff, { pool_id: entry.poolId, loan_id: entry.loanId, fraction: formatDecimal(writeOff.fraction), closed: String(writeOff.closed) });
      },
    };
  }

  private paid(ctx: Context, payment: LoanPayment, kind: string): void {
    const store = new PoolsStore(ctx);
    const entry = this.ownEntry(store, payment.lender, payment.loanId);
    if (!entry) return;
    const amount = payment.principal + payment.interest;
    const pool = store.getPool(entry.poolId)!;
    store.putPool({ ...pool, reserve: (BigInt(pool.reserve) + amount).toString() });
    const standing = standingOf(entry);
    // Auction proceeds are collateral turned into uusd: what is left of it backs that much less.
    if (kind === "recovery") standing.collateralValue = standing.collateralValue > amount ? standing.collateralValue - amount : 0n;
    this.sync(ctx, store, entry, standing, false);
    emit(ctx, EVENT.loanPayment, { pool_id: entry.poolId, loan_id: entry.loanId, kind, principal: payment.principal, interest: payment.interest });
  }

  private ownEntry(store: PoolsStore, lender: Uint8Array, loanId: bigint): PoolLoan | undefined {
    return bytesEqual(lender, this.account) ? store.getLoan(loanId) : undefined;
  }

  /**
   * Replaces the loan's contribution to its pool's NAV by its current one: a performing loan's
   * outstanding cashflows in the buckets, otherwise its impaired value; a closed loan leaves the
   * book. Returns the value it now counts at outside the buckets (0 when performing or closed).
   */
  private sync(ctx: Context, store: PoolsStore, entry: PoolLoan, standing: Standing, closedByWriteOff: boolean): bigint {
    const loan = this.lending.getLoan(ctx, entry.loanId)!;
    const pool = store.getPool(entry.poolId)!;
    let written = BigInt(pool.writtenOffValue);
    if (isPerforming(standingOf(entry))) moveCashflows(store, entry.poolId, outstandingOf(loan, BigInt(entry.repaid)), -1n);
    else written -= BigInt(entry.writtenOffValue);
    const outstanding = outstandingOf(loan, BigInt(loan.repaid));
    const closed = closedByWriteOff || standing.fraction >= ONE || !RUNNING.has(loan.status) || isSettled(this.lending, ctx, loan);
    let value = 0n;
    if (closed) {
      store.deleteLoan(entry.loanId);
    } else if (isPerforming(standing)) {
      moveCashflows(store, entry.poolId, outstanding, 1n);
      store.putLoan({ ...entry, repaid: loan.repaid });
    } else {
      value = impairedValue(outstanding, standing.impaired ? standing.collateralValue : undefined, standing.fraction, discountRateOf(pool), ctx.block.time.seconds);
      written += value;
      store.putLoan({
        ...entry,
        repaid: loan.repaid,
        writeOffFraction: formatDecimal(standing.fraction),
        writtenOffValue: value.toString(),
        impaired: standing.impaired,
        collateralValue: standing.collateralValue.toString(),
      });
    }
    store.putPool({ ...pool, writtenOffValue: written.toString() });
    return value;
  }
}

/** How the NAV counts a loan: performing (in the buckets) or impaired / written off, and the collateral cap once impaired. */
export interface Standing {
  fraction: bigint;
  impaired: boolean;
  collateralValue: bigint;
}

export function standingOf(entry: PoolLoan): Standing {
  return { fraction: parseDecimal(entry.writeOffFraction) ?? 0n, impaired: entry.impaired, collateralValue: BigInt(entry.collateralValue || "0") };
}

export const isPerforming = (standing: Standing): boolean => !standing.impaired && standing.fraction === 0n;

export function outstandingOf(loan: Loan, repaid: bigint) {
  return outstandingCashflows(loan.cashflows.map(fromProtoCashflow), repaid);
}

/** A running loan whose debt is paid (an auction that covered it, before lending marks it recovered). */
function isSettled(lending: PoolsLendingKeeper, ctx: Context, loan: Loan): boolean {
  return lending.debt(ctx, loan) === 0n;
}
