import { formatDecimal, ONE } from "../../types/decimal.js";
import { discount, SECONDS_PER_DAY } from "./interest.js";
import type { Cashflow } from "./schedule.js";

/**
 * Present value of expected cashflows, the discounted-cashflow NAV of Tinlake's NAV feed: each
 * cashflow is divided by the pool's per-second rate compounded until it is due, rounded down so
 * a NAV never overstates the assets, and an overdue loan loses a fraction of its value by a
 * write-off schedule. Conventions: this module's README ("Money math").
 */

/** Once a loan is overdue by more than `overdueDays` days of 86,400 s, `fraction` (18 decimals, ≤ 1) of its value is written off. */
export interface WriteOffStep {
  readonly overdueDays: bigint;
  readonly fraction: bigint;
}

/** Why a write-off schedule is invalid (exact), or undefined: days strictly ascending from ≥ 0, fractions in [0, 1] never falling. */
export function validateWriteOffs(steps: readonly WriteOffStep[]): string | undefined {
  let previous: WriteOffStep | undefined;
  for (const step of steps) {
    if (step.fraction < 0n || step.fraction > ONE) return `write-off fraction ${formatDecimal(step.fraction)} is outside [0, 1]`;
    if (previous === undefined) {
      if (step.overdueDays < 0n) return `write-off after ${step.overdueDays} days: days must not be negative`;
    } else {
      if (step.overdueDays <= previous.overdueDays) return `write-off days must ascend: ${step.overdueDays} after ${previous.overdueDays}`;
      if (step.fraction < previous.fraction) return `write-off fractions must not fall: ${formatDecimal(step.fraction)} after ${formatDecimal(previous.fraction)}`;
    }
    previous = step;
  }
  return undefined;
}

/** The fraction written off (exact): that of the last step whose days `overdueSeconds` exceeds, 0 before the first. */
export function writeOffFraction(steps: readonly WriteOffStep[], overdueSeconds: bigint): bigint {
  let fraction = 0n;
  for (const step of steps) {
    if (overdueSeconds <= step.overdueDays * SECONDS_PER_DAY) break;
    fraction = step.fraction;
  }
  return fraction;
}

/** A cashflow's value at `now`: amount / ratePerSecond^(due − now), rounded down; the amount itself once due. */
export function presentValue(cashflow: Pick<Cashflow, "due" | "amount">, ratePerSecond: bigint, now: bigint): bigint {
  return cashflow.due <= now ? cashflow.amount : discount(cashflow.amount, ratePerSecond, cashflow.due - now);
}

/** The sum of the cashflows' present values, each rounded down. */
export function totalPresentValue(cashflows: readonly Pick<Cashflow, "due" | "amount">[], ratePerSecond: bigint, now: bigint): bigint {
  let total = 0n;
  for (const cashflow of cashflows) total += presentValue(cashflow, ratePerSecond, now);
  return total;
}

/** A loan's value: its outstanding cashflows' present value less the write-off for `overdueSeconds`, rounded down. */
export function loanValue(loan: {
  readonly outstanding: readonly Pick<Cashflow, "due" | "amount">[];
  readonly ratePerSecond: bigint;
  readonly now: bigint;
  readonly overdueSeconds: bigint;
  readonly writeOffs: readonly WriteOffStep[];
}): bigint {
  const value = totalPresentValue(loan.outstanding, loan.ratePerSecond, loan.now);
  return (value * (ONE - writeOffFraction(loan.writeOffs, loan.overdueSeconds))) / ONE;
}
