import { ONE } from "../../types/decimal.js";

/**
 * Interest as per-second compounding rate accumulators, after Tinlake's Pile and Maker's Jug: a
 * rate group keeps one index that grows by its per-second rate every second, and a loan keeps its
 * debt divided by the index, so one index serves every loan of the group. Pure bigint math on
 * 18-decimal fixed point (`types/decimal.ts`); times are block times in whole seconds. The
 * conventions, the rounding table and the proofs of the bounds the tests check are in this
 * module's README ("Money math").
 */

export const SECONDS_PER_DAY = 86_400n;
/** The day count: a 365-day year of seconds, 31,536,000. */
export const SECONDS_PER_YEAR = 365n * SECONDS_PER_DAY;

/** Powers are computed with 45 guard digits beyond the 18 of a rate: at scale 10^63. */
const SCALE = ONE * 10n ** 45n;
/** Normalized debt is an 18-decimal amount, so an index (18 decimals) times it is at ONE². */
const NORMALIZED_SCALE = ONE * ONE;

function ceilDiv(dividend: bigint, divisor: bigint): bigint {
  return dividend / divisor + (dividend % divisor === 0n ? 0n : 1n);
}

/** base^exponent for a base ≥ 1 at SCALE, squaring and multiplying in O(log exponent) steps, each rounded up. */
function powerUp(base: bigint, exponent: bigint): bigint {
  let result = SCALE;
  let square = base;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if ((rest & 1n) === 1n) result = ceilDiv(result * square, SCALE);
    if (rest > 1n) square = ceilDiv(square * square, SCALE);
  }
  return result;
}

/** ratePerSecond^seconds at SCALE, rounded up: F with rate^s ≤ F/SCALE < rate^s · (1 + 2s·10⁻⁶³). */
function growthFactor(ratePerSecond: bigint, seconds: bigint): bigint {
  if (ratePerSecond < ONE) throw new RangeError(`rate per second ${ratePerSecond} is below 1`);
  if (seconds < 0n) throw new RangeError(`negative time span ${seconds}`);
  return powerUp(ratePerSecond * (SCALE / ONE), seconds);
}

/**
 * The per-second factor of an APR (both 18 decimals): 1 + APR / 31,536,000, rounded up.
 *
 * @example
 * ratePerSecondFromApr(parseDecimal("0.1")!); // 1000000003170979199n (1.000000003170979199)
 */
export function ratePerSecondFromApr(apr: bigint): bigint {
  if (apr < 0n) throw new RangeError(`negative APR ${apr}`);
  return ONE + ceilDiv(apr, SECONDS_PER_YEAR);
}

/**
 * value × ratePerSecond^seconds, rounded up; value is an index (18 decimals) or an amount in base units.
 *
 * @example
 * accrue(1_000_000n, ratePerSecondFromApr(parseDecimal("0.1")!), SECONDS_PER_YEAR); // 1105171n
 */
export function accrue(value: bigint, ratePerSecond: bigint, seconds: bigint): bigint {
  return ceilDiv(value * growthFactor(ratePerSecond, seconds), SCALE);
}

/** value / ratePerSecond^seconds, rounded down: what `value` due in `seconds` is worth now. */
export function discount(value: bigint, ratePerSecond: bigint, seconds: bigint): bigint {
  return (value * SCALE) / growthFactor(ratePerSecond, seconds);
}

/** The equal instalment repaying `principal` over `periods` periods, rounded down: P·(G−1)·Gⁿ/(Gⁿ−1), G = rate^periodSeconds (P/n when G = 1). */
export function annuityInstalment(terms: { principal: bigint; ratePerSecond: bigint; periodSeconds: bigint; periods: bigint }): bigint {
  if (terms.periods < 1n) throw new RangeError(`annuity over ${terms.periods} periods`);
  const growth = growthFactor(terms.ratePerSecond, terms.periodSeconds);
  if (growth === SCALE) return terms.principal / terms.periods;
  // Rounding Gⁿ up can only lower the quotient, so the instalment never exceeds the exact one.
  const total = powerUp(growth, terms.periods);
  return (terms.principal * (growth - SCALE) * total) / (SCALE * (total - SCALE));
}

/**
 * A rate group's accumulator: its index was `index` at block time `since` and grows by
 * `ratePerSecond` every second after. Reading the index never writes it back, so the index at a
 * time does not depend on when, or how often, it was read before; only a rate change starts a new
 * checkpoint.
 */
export interface RateAccumulator {
  readonly ratePerSecond: bigint;
  /** 18 decimals; ONE when the group starts. */
  readonly index: bigint;
  /** Block time, in seconds, at which the index was `index`. */
  readonly since: bigint;
}

/** A new accumulator at index 1 from `now` (exact). */
export function newAccumulator(ratePerSecond: bigint, now: bigint): RateAccumulator {
  return { ratePerSecond, index: ONE, since: now };
}

/** The index at block time `now` ≥ `since`, accrued from the checkpoint, rounded up. */
export function indexAt(accumulator: RateAccumulator, now: bigint): bigint {
  return accrue(accumulator.index, accumulator.ratePerSecond, now - accumulator.since);
}

/** A new checkpoint at `now` (its index `indexAt(now)`, rounded up) that grows at `ratePerSecond` from then. */
export function changeRate(accumulator: RateAccumulator, now: bigint, ratePerSecond: bigint): RateAccumulator {
  return { ratePerSecond, index: indexAt(accumulator, now), since: now };
}

/** Normalized debt (18 decimals) after borrowing `amount` base units at `index`: normalized + amount / index, rounded up. */
export function borrow(normalized: bigint, amount: bigint, index: bigint): bigint {
  return normalized + ceilDiv(amount * NORMALIZED_SCALE, index);
}

/** The debt in base units of a normalized debt at `index`: normalized × index, rounded up. */
export function debtOf(normalized: bigint, index: bigint): bigint {
  return ceilDiv(normalized * index, NORMALIZED_SCALE);
}

/** Repays min(amount, debt) at `index`: normalized debt falls by repaid / index, rounded down (to 0 when all is repaid). */
export function repay(normalized: bigint, amount: bigint, index: bigint): { normalized: bigint; repaid: bigint } {
  const debt = debtOf(normalized, index);
  if (amount >= debt) return { normalized: 0n, repaid: debt };
  return { normalized: normalized - (amount * NORMALIZED_SCALE) / index, repaid: amount };
}
