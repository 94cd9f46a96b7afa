import { LoanStatus, type Loan } from "../../generated/persistence/lending/v1/types.js";
import { EpochState, type PoolLoan } from "../../generated/persistence/pools/v1/types.js";
import { bytesEqual } from "../../store/bytes.js";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import type { LendingHooks, LoanPayment } from "../lending/hooks.js";
import { fromProtoCashflow } from "../lending/loan.js";
import { outstandingCashflows } from "../lending/schedule.js";
import { ErrEpochExecuting, ErrInsufficientReserve, ErrLoanNotFinanceable, ErrNotOriginator, ErrPoolNotFound } from "./errors.js";
import { emit, EVENT } from "./events.js";
import type { PoolsLendingKeeper } from "./expected-keepers.js";
import { moveCashflows, writtenOffValue } from "./nav.js";
import { PoolsStore } from "./store.js";

const RUNNING = new Set([LoanStatus.LOAN_STATUS_ACTIVE, LoanStatus.LOAN_STATUS_AUCTION, LoanStatus.LOAN_STATUS_DEFAULTED]);

/**
 * The pools' loans: financing from a pool's reserve, and the NAV ledger lending's hooks keep. A
 * performing loan's outstanding expected cashflows sit in its pool's due-date buckets; a written-off
 * loan counts at its outstanding face less the write-off fraction. Every sync removes the loan's
 * previous contribution and adds the new one, O(its cashflows). Payments reach the reserve only
 * through the hooks: a stray transfer to the pools account changes no pool.
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
    const funded = this.lending.fundLoan(ctx, loanId, this.account);
    if (funded) return funded;
    const loan = this.lending.getLoan(ctx, loanId)!;
    store.putPool({ ...pool, reserve: (reserve - principal).toString() });
    const entry: PoolLoan = { poolId, loanId, repaid: loan.repaid, writeOffFraction: "0", writtenOffValue: "0" };
    store.putLoan(entry);
    moveCashflows(store, poolId, outstandingOf(loan, BigInt(loan.repaid)), 1n);
    emit(ctx, EVENT.loanFinanced, { pool_id: poolId, loan_id: loanId, principal, reserve: reserve - principal });
    return undefined;
  }

  hooks(): LendingHooks {
    return {
      afterRepayment: (ctx, payment) => this.paid(ctx, payment, "repayment"),
      afterRecovery: (ctx, payment) => this.paid(ctx, payment, payment.collateral ? "collateral" : "recovery"),
      afterWriteOff: (ctx, writeOff) => {
        const store = new PoolsStore(ctx);
        const entry = this.ownEntry(store, writeOff.lender, writeOff.loanId);
        if (!entry) return;
        this.sync(ctx, store, entry, writeOff.fraction, writeOff.closed);
        emit(ctx, EVENT.loanWrittenOff, { pool_id: entry.poolId, loan_id: entry.loanId, fraction: writeOff.fraction, closed: String(writeOff.closed) });
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
    this.sync(ctx, store, entry, BigInt(entry.writeOffFraction), false);
    emit(ctx, EVENT.loanPayment, { pool_id: entry.poolId, loan_id: entry.loanId, kind, principal: payment.principal, interest: payment.interest });
  }

  private ownEntry(store: PoolsStore, lender: Uint8Array, loanId: bigint): PoolLoan | undefined {
    return bytesEqual(lender, this.account) ? store.getLoan(loanId) : undefined;
  }

  /** Replaces the loan's contribution to its pool's NAV by its current one; a closed loan leaves the book. */
  private sync(ctx: Context, store: PoolsStore, entry: PoolLoan, fraction: bigint, closedByWriteOff: boolean): void {
    const loan = this.lending.getLoan(ctx, entry.loanId)!;
    const oldFraction = BigInt(entry.writeOffFraction);
    const pool = store.getPool(entry.poolId)!;
    let written = BigInt(pool.writtenOffValue);
    if (oldFraction === 0n) moveCashflows(store, entry.poolId, outstandingOf(loan, BigInt(entry.repaid)), -1n);
    else written -= BigInt(entry.writtenOffValue);
    const outstanding = outstandingOf(loan, BigInt(loan.repaid));
    const closed = closedByWriteOff || fraction >= ONE || !RUNNING.has(loan.status) || isSettled(this.lending, ctx, loan);
    if (closed) {
      store.deleteLoan(entry.loanId);
    } else if (fraction === 0n) {
      moveCashflows(store, entry.poolId, outstanding, 1n);
      store.putLoan({ ...entry, repaid: loan.repaid });
    } else {
      const value = writtenOffValue(outstanding, fraction);
      written += value;
      store.putLoan({ ...entry, repaid: loan.repaid, writeOffFraction: fraction.toString(), writtenOffValue: value.toString() });
    }
    store.putPool({ ...pool, writtenOffValue: written.toString() });
  }
}

function outstandingOf(loan: Loan, repaid: bigint) {
  return outstandingCashflows(loan.cashflows.map(fromProtoCashflow), repaid);
}

/** A running loan whose debt is paid (an auction that covered it, before lending marks it recovered). */
function isSettled(lending: PoolsLendingKeeper, ctx: Context, loan: Loan): boolean {
  return lending.debt(ctx, loan) === 0n;
}
