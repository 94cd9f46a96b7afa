import { accrue, annuityInstalment, ratePerSecondFromApr, SECONDS_PER_DAY } from "./interest.js";

/**
 * Repayment schedules: the cashflows a loan is expected to pay, with interest compounding per
 * second at the loan's APR exactly as its debt does (`interest.ts`). Amounts are base units,
 * times block times in seconds. Conventions and proofs: this module's README ("Money math").
 */

/** The default instalment period: a 30-day month, 2,592,000 seconds. */
export const MONTH_SECONDS = 30n * SECONDS_PER_DAY;

export interface LoanTerms {
  /** Base units, > 0. */
  readonly principal: bigint;
  /** Annual rate, an 18-decimal fraction ≥ 0 (0.1 = 10% APR). */
  readonly apr: bigint;
  /** Block time, in seconds, when the principal is lent. */
  readonly start: bigint;
  /** Block time of the last cashflow, after `start`. */
  readonly maturity: bigint;
  /** How long after its due time a cashflow may still be paid before it is overdue, ≥ 0. */
  readonly graceSeconds: bigint;
}

/** An expected cashflow: `amount` = `principal` + `interest`, due at block time `due`. */
export interface Cashflow {
  readonly due: bigint;
  readonly amount: bigint;
  readonly principal: bigint;
  readonly interest: bigint;
}

/** What a loan still owes, split as a repayment consumes it: interest first, then principal. */
export interface LoanBalance {
  readonly principal: bigint;
  readonly interest: bigint;
}

/** How a repayment was used; `excess` is what the balance could not absorb. */
export interface RepaymentSplit {
  readonly interest: bigint;
  readonly principal: bigint;
  readonly excess: bigint;
}

/** Why the terms cannot make a schedule (exact), or undefined when they can. */
export function validateLoanTerms(terms: LoanTerms): string | undefined {
  if (terms.principal <= 0n) return `principal ${terms.principal} must be positive`;
  if (terms.apr < 0n) return `APR ${terms.apr} must not be negative`;
  if (terms.maturity <= terms.start) return `maturity ${terms.maturity} must be after start ${terms.start}`;
  if (terms.graceSeconds < 0n) return `grace period ${terms.graceSeconds} must not be negative`;
  return undefined;
}

function requireValid(terms: LoanTerms): void {
  const reason = validateLoanTerms(terms);
  if (reason !== undefined) throw new RangeError(reason);
}

/** One cashflow at maturity: the principal compounded from start to maturity, rounded up. */
export function bulletSchedule(terms: LoanTerms): Cashflow[] {
  requireValid(terms);
  const amount = accrue(terms.principal, ratePerSecondFromApr(terms.apr), terms.maturity - terms.start);
  return [{ due: terms.maturity, amount, principal: terms.principal, interest: amount - terms.principal }];
}

/** Equal instalments every `periodSeconds` (the last at maturity) rounded down, the last absorbing the remainder; interest rounded up, capped at the instalment. */
export function amortisingSchedule(terms: LoanTerms & { readonly periodSeconds: bigint }): Cashflow[] {
  requireValid(terms);
  if (terms.periodSeconds <= 0n) throw new RangeError(`period ${terms.periodSeconds} must be positive`);
  const ratePerSecond = ratePerSecondFromApr(terms.apr);
  const term = terms.maturity - terms.start;
  const periods = (term + terms.periodSeconds - 1n) / terms.periodSeconds;
  const instalment = annuityInstalment({ principal: terms.principal, ratePerSecond, periodSeconds: terms.periodSeconds, periods });
  const cashflows: Cashflow[] = [];
  let balance = terms.principal;
  let previous = terms.start;
  for (let k = 1n; k < periods; k++) {
    const due = terms.start + k * terms.periodSeconds;
    const accrued = accrue(balance, ratePerSecond, due - previous) - balance;
    const interest = accrued < instalment ? accrued : instalment;
    const principal = instalment - interest;
    cashflows.push({ due, amount: instalment, principal, interest });
    balance -= principal;
    previous = due;
  }
  const amount = accrue(balance, ratePerSecond, terms.maturity - previous);
  cashflows.push({ due: terms.maturity, amount, principal: balance, interest: amount - balance });
  return cashflows;
}

/** Splits `amount` interest first, then principal, the rest as excess (exact). */
export function applyRepayment(balance: LoanBalance, amount: bigint): { balance: LoanBalance; split: RepaymentSplit } {
  if (amount < 0n) throw new RangeError(`negative repayment ${amount}`);
  const interest = amount < balance.interest ? amount : balance.interest;
  const rest = amount - interest;
  const principal = rest < balance.principal ? rest : balance.principal;
  return {
    balance: { principal: balance.principal - principal, interest: balance.interest - interest },
    split: { interest, principal, excess: rest - principal },
  };
}

/** The cashflows still expected after `repaid` in total was paid, earliest first, each interest first (exact). */
export function outstandingCashflows(cashflows: readonly Cashflow[], repaid: bigint): Cashflow[] {
  const outstanding: Cashflow[] = [];
  let left = repaid;
  for (const cashflow of cashflows) {
    if (left >= cashflow.amount) {
      left -= cashflow.amount;
    } else if (left > 0n) {
      const { balance } = applyRepayment(cashflow, left);
      outstanding.push({ due: cashflow.due, amount: balance.principal + balance.interest, ...balance });
      left = 0n;
    } else {
      outstanding.push(cashflow);
    }
  }
  return outstanding;
}

/** Seconds since the first outstanding cashflow's grace period ended, 0 when none has (exact). */
export function overdueSeconds(outstanding: readonly Cashflow[], graceSeconds: bigint, now: bigint): bigint {
  const first = outstanding[0];
  if (first === undefined) return 0n;
  const overdue = now - first.due - graceSeconds;
  return overdue > 0n ? overdue : 0n;
}
