import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE, parseDecimal } from "../../types/decimal.js";
import {
  accrue,
  annuityInstalment,
  borrow,
  changeRate,
  debtOf,
  discount,
  indexAt,
  newAccumulator,
  ratePerSecondFromApr,
  repay,
  SECONDS_PER_YEAR,
} from "./interest.js";

const apr = fc.bigInt({ min: 0n, max: 2n * ONE }); // 0 … 200% a year
const rate = apr.map(ratePerSecondFromApr);
const seconds = fc.bigInt({ min: 0n, max: 30n * SECONDS_PER_YEAR });
/** The guard scale of interest.ts: a power over n seconds is within a factor 1 + 2n/GUARD of exact. */
const GUARD = 10n ** 63n;
const value = fc.bigInt({ min: 0n, max: 10n ** 30n });
const amount = fc.bigInt({ min: 1n, max: 10n ** 24n });

/** ⌈x⌉ for x = numerator / denominator. */
function ceilOf(numerator: bigint, denominator: bigint): bigint {
  return numerator / denominator + (numerator % denominator === 0n ? 0n : 1n);
}

describe("per-second rates", () => {
  it("are 1 + APR / 31,536,000, rounded up, and 1 at 0% APR", () => {
    fc.assert(
      fc.property(apr, (yearly) => {
        const perSecond = ratePerSecondFromApr(yearly) - ONE;
        expect(perSecond * SECONDS_PER_YEAR).toBeGreaterThanOrEqual(yearly);
        expect((perSecond - 1n) * SECONDS_PER_YEAR).toBeLessThan(yearly);
      }),
    );
    expect(ratePerSecondFromApr(0n)).toBe(ONE);
    expect(ratePerSecondFromApr(parseDecimal("0.1")!)).toBe(1_000_000_003_170_979_199n);
  });

  it("compound 10% APR to the correctly rounded power (reference: 80-digit decimal arithmetic)", () => {
    const tenPercent = ratePerSecondFromApr(parseDecimal("0.1")!);
    // 1.000000003170979199^31536000 = 1.10517091792215600646… (e^0.1 = 1.10517091807…: per-second ≈ continuous)
    expect(accrue(ONE, tenPercent, SECONDS_PER_YEAR)).toBe(1_105_170_917_922_156_007n);
    expect(accrue(1_000_000n, tenPercent, SECONDS_PER_YEAR)).toBe(1_105_171n);
    // A century, in O(log seconds) steps: 1.000000003170979199^3153600000 = 22026.465488892237335715994…
    expect(accrue(ONE, tenPercent, 100n * SECONDS_PER_YEAR)).toBe(22_026_465_488_892_237_335_716n);
  });
});

describe("accrue: value × rate^seconds, rounded up", () => {
  it("is ⌈exact⌉, or one unit more only within 2·seconds·10⁻⁶³ of a unit (checked against exact powers)", () => {
    fc.assert(
      fc.property(value, rate, fc.bigInt({ min: 0n, max: 40n }), (v, r, n) => {
        const exactNumerator = v * r ** n;
        const exactDenominator = ONE ** n;
        const result = accrue(v, r, n);
        expect(result).toBeGreaterThanOrEqual(ceilOf(exactNumerator, exactDenominator));
        // result − 1 < exact · (1 + 2n·10⁻⁶³)
        expect((result - 1n) * exactDenominator * GUARD).toBeLessThan(exactNumerator * (GUARD + 2n * n));
        if (n <= 2n) expect(result).toBe(ceilOf(exactNumerator, exactDenominator));
      }),
    );
  });

  it("is the identity over zero seconds and at a 0% rate", () => {
    fc.assert(
      fc.property(value, rate, seconds, (v, r, s) => {
        expect(accrue(v, r, 0n)).toBe(v);
        expect(discount(v, r, 0n)).toBe(v);
        expect(accrue(v, ONE, s)).toBe(v);
      }),
    );
  });

  it("is monotone in time, rate and value, and at least simple interest", () => {
    fc.assert(
      fc.property(value, apr, apr, seconds, seconds, (v, apr1, apr2, s1, s2) => {
        const [low, high] = apr1 <= apr2 ? [ratePerSecondFromApr(apr1), ratePerSecondFromApr(apr2)] : [ratePerSecondFromApr(apr2), ratePerSecondFromApr(apr1)];
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(accrue(v, low, early)).toBeLessThanOrEqual(accrue(v, low, late));
        expect(accrue(v, low, late)).toBeLessThanOrEqual(accrue(v, high, late));
        expect(accrue(v, low, late)).toBeLessThanOrEqual(accrue(v + 1n, low, late));
        // Bernoulli: rate^s ≥ 1 + s·(rate − 1).
        expect(accrue(v, low, late) * ONE).toBeGreaterThanOrEqual(v * (ONE + late * (low - ONE)));
      }),
    );
  });

  it("grows every second at any rate above 1 once the value is large enough to show it", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (2n * ONE) / SECONDS_PER_YEAR }).map((excess) => ONE + excess), seconds, (r, s) => {
        const v = ONE * ONE; // one unit of rate growth on ONE² is ≥ ONE units
        expect(accrue(v, r, s + 1n)).toBeGreaterThan(accrue(v, r, s));
      }),
    );
  });

  it("re-accruing from a rounded result (a then b) is within [−1, ⌈rate^b⌉ + 1] units of accruing a + b: the bound of the README", () => {
    fc.assert(
      fc.property(value, rate, seconds, seconds, (v, r, a, b) => {
        const twoSteps = accrue(accrue(v, r, a), r, b);
        const oneStep = accrue(v, r, a + b);
        const ceilGrowth = ceilOf(accrue(ONE, r, b), ONE); // ≥ ⌈rate^b⌉
        expect(twoSteps - oneStep).toBeGreaterThanOrEqual(-1n);
        expect(twoSteps - oneStep).toBeLessThanOrEqual(ceilGrowth + 1n);
      }),
    );
  });
});

describe("discount: value / rate^seconds, rounded down", () => {
  it("undoes accrue exactly, and never gives back more than it was given", () => {
    fc.assert(
      fc.property(value, rate, seconds, (v, r, s) => {
        expect(discount(accrue(v, r, s), r, s)).toBe(v);
        expect(accrue(discount(v, r, s), r, s)).toBeLessThanOrEqual(v);
      }),
    );
  });

  it("is ⌊exact⌋ or below it by one only within 2·seconds·10⁻⁶³ (checked against exact powers)", () => {
    fc.assert(
      fc.property(value, rate, fc.bigInt({ min: 0n, max: 40n }), (v, r, n) => {
        const result = discount(v, r, n);
        // result ≤ v / rⁿ < (result + 1) · (1 + 2n·10⁻⁶³)
        expect(result * r ** n).toBeLessThanOrEqual(v * ONE ** n);
        expect((result + 1n) * r ** n * (GUARD + 2n * n)).toBeGreaterThan(v * ONE ** n * GUARD);
      }),
    );
  });
});

describe("rate accumulators", () => {
  it("give the same index whenever, and however often, it was read before: a then b is a + b exactly", () => {
    fc.assert(
      fc.property(rate, fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.array(seconds, { maxLength: 10 }), (r, start, gaps) => {
        const accumulator = newAccumulator(r, start);
        let now = start;
        for (const gap of gaps) {
          now += gap;
          // Reading at every step (what a block that touches a loan does) leaves nothing behind.
          expect(indexAt(accumulator, now)).toBe(accrue(ONE, r, now - start));
        }
        const total = gaps.reduce((sum, gap) => sum + gap, 0n);
        expect(indexAt(accumulator, start + total)).toBe(accrue(ONE, r, total));
        expect(indexAt(accumulator, start)).toBe(ONE);
      }),
    );
  });

  it("never decrease, through any sequence of rate changes", () => {
    const step = fc.record({ gap: fc.bigInt({ min: 0n, max: SECONDS_PER_YEAR }), newRate: fc.option(rate, { nil: undefined }) });
    fc.assert(
      fc.property(rate, fc.array(step, { maxLength: 20 }), fc.bigInt({ min: 1n, max: 10n ** 30n }), (initial, steps, normalized) => {
        let accumulator = newAccumulator(initial, 0n);
        let now = 0n;
        let lastIndex = ONE;
        let lastDebt = debtOf(normalized, ONE);
        for (const { gap, newRate } of steps) {
          now += gap;
          if (newRate !== undefined) accumulator = changeRate(accumulator, now, newRate);
          const index = indexAt(accumulator, now);
          expect(index).toBeGreaterThanOrEqual(lastIndex);
          // Debt never decreases without a repayment.
          expect(debtOf(normalized, index)).toBeGreaterThanOrEqual(lastDebt);
          [lastIndex, lastDebt] = [index, debtOf(normalized, index)];
        }
      }),
    );
  });

  it("change rate at a checkpoint whose index is the index at that time", () => {
    const tenPercent = ratePerSecondFromApr(parseDecimal("0.1")!);
    const twentyPercent = ratePerSecondFromApr(parseDecimal("0.2")!);
    const changed = changeRate(newAccumulator(tenPercent, 1_000n), 1_000n + SECONDS_PER_YEAR, twentyPercent);
    expect(changed).toEqual({ ratePerSecond: twentyPercent, index: accrue(ONE, tenPercent, SECONDS_PER_YEAR), since: 1_000n + SECONDS_PER_YEAR });
    expect(indexAt(changed, changed.since + 10n)).toBe(accrue(changed.index, twentyPercent, 10n));
  });

  it("refuse time running backwards and rates below 1", () => {
    expect(() => indexAt(newAccumulator(ONE, 10n), 9n)).toThrow(RangeError);
    expect(() => accrue(1n, ONE - 1n, 1n)).toThrow(RangeError);
    expect(() => ratePerSecondFromApr(-1n)).toThrow(RangeError);
  });
});

describe("normalized debt", () => {
  const index = fc.bigInt({ min: ONE, max: 10n ** 22n }); // index 1 … 10,000

  it("borrowing owes the amount, or one unit more; debt follows the index, rounded up", () => {
    fc.assert(
      fc.property(amount, index, index, (principal, atBorrow, later) => {
        const normalized = borrow(0n, principal, atBorrow);
        const owed = debtOf(normalized, atBorrow);
        expect(owed).toBeGreaterThanOrEqual(principal);
        expect(owed).toBeLessThanOrEqual(principal + 1n);
        // normalized × index ≥ principal × index / index_at_borrow
        expect(debtOf(normalized, later) * atBorrow).toBeGreaterThanOrEqual(principal * later);
      }),
    );
  });

  it("a repayment lowers the debt by the amount, or one unit less; paying the debt clears it", () => {
    fc.assert(
      fc.property(amount, amount, index, (principal, payment, at) => {
        const normalized = borrow(0n, principal, at);
        const debt = debtOf(normalized, at);
        const after = repay(normalized, payment, at);
        expect(after.repaid).toBe(payment < debt ? payment : debt);
        const left = debtOf(after.normalized, at);
        expect(left).toBeGreaterThanOrEqual(debt - after.repaid);
        expect(left).toBeLessThanOrEqual(debt - after.repaid + 1n);
        if (payment >= debt) expect(after.normalized).toBe(0n);
        else expect(after.normalized).toBeGreaterThan(0n);
      }),
    );
  });

  it("repay then borrow back, or borrow then repay, the same amount leaves the debt as it was, or one unit higher", () => {
    fc.assert(
      fc.property(amount, amount, index, (principal, x, at) => {
        const normalized = borrow(0n, principal, at);
        const debt = debtOf(normalized, at);
        const repaid = repay(normalized, x, at);
        const repaidThenBorrowed = debtOf(borrow(repaid.normalized, repaid.repaid, at), at);
        expect(repaidThenBorrowed).toBeGreaterThanOrEqual(debt);
        expect(repaidThenBorrowed).toBeLessThanOrEqual(debt + 1n);
        const borrowed = borrow(normalized, x, at);
        const borrowedThenRepaid = repay(borrowed, x, at);
        expect(borrowedThenRepaid.repaid).toBe(x);
        expect(debtOf(borrowedThenRepaid.normalized, at)).toBeGreaterThanOrEqual(debt);
        expect(debtOf(borrowedThenRepaid.normalized, at)).toBeLessThanOrEqual(debt + 1n);
      }),
    );
  });

  it("a loan through time: interest accrues on what is left, and the final repayment clears it", () => {
    const r = ratePerSecondFromApr(parseDecimal("0.12")!);
    const group = newAccumulator(r, 0n);
    let normalized = borrow(0n, 1_000_000_000n, indexAt(group, 0n)); // 1,000 USD in uusd at t = 0
    const halfYear = SECONDS_PER_YEAR / 2n;
    normalized = repay(normalized, 500_000_000n, indexAt(group, halfYear)).normalized;
    const atYear = debtOf(normalized, indexAt(group, SECONDS_PER_YEAR));
    // (1000·e^0.06 − 500)·e^0.06 = 1127.4969 − 530.9183 = 596.5786 USD
    expect(Number(atYear) / 1e6).toBeCloseTo(1_000 * Math.exp(0.12) - 500 * Math.exp(0.06), 5);
    const final = repay(normalized, atYear, indexAt(group, SECONDS_PER_YEAR));
    expect(final).toEqual({ normalized: 0n, repaid: atYear });
  });
});

describe("annuity instalments", () => {
  it("are P/n, rounded down, at 0% and the exact annuity, rounded down, otherwise", () => {
    expect(annuityInstalment({ principal: 1_000n, ratePerSecond: ONE, periodSeconds: 86_400n, periods: 3n })).toBe(333n);
    const monthly = annuityInstalment({ principal: 1_200_000_000n, ratePerSecond: ratePerSecondFromApr(parseDecimal("0.12")!), periodSeconds: 2_592_000n, periods: 12n });
    const g = Math.pow(1 + 0.12 / 31_536_000, 2_592_000);
    const exact = (1_200_000_000 * (g - 1) * g ** 12) / (g ** 12 - 1);
    expect(Math.abs(Number(monthly) - exact)).toBeLessThan(1.001);
    expect(Number(monthly)).toBeLessThanOrEqual(exact + 1e-6);
  });
});
