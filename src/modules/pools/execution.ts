import { ONE } from "../../types/decimal.js";
import { tokenPrice, tokensFor, tokensValue } from "./price.js";

/** One tranche at epoch close: its value (uusd), token supply and open orders (uusd to invest, tokens to redeem). */
export interface TrancheInput {
  value: bigint;
  supply: bigint;
  invest: bigint;
  redeem: bigint;
}

export interface EpochInput {
  nav: bigint;
  reserve: bigint;
  maxReserve: bigint;
  /** Junior value / (NAV + reserve) bounds, 18 decimals, 0 ≤ min ≤ max ≤ 1. */
  minJuniorRatio: bigint;
  maxJuniorRatio: bigint;
  senior: TrancheInput;
  junior: TrancheInput;
}

/** What an epoch did to one tranche: the orders open at the close and what of them executed. */
export interface TrancheFill {
  price: bigint;
  investOrdered: bigint;
  redeemOrdered: bigint;
  invested: bigint;
  minted: bigint;
  redeemed: bigint;
  paid: bigint;
}

export interface EpochOutcome {
  senior: TrancheFill;
  junior: TrancheFill;
  /** Reserve and senior value after execution. */
  reserve: bigint;
  seniorValue: bigint;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

interface Interval {
  lo: bigint;
  hi: bigint;
}

/**
 * The execution's constraints in the net flows u (junior: invested − paid) and v (senior),
 * all of the final state: reserve within [0, max reserve] and junior / (NAV + reserve) within the
 * ratio bounds. A bound the pool already breaks before execution is relaxed to "no worse than now",
 * so doing nothing is always allowed and execution can only move the pool back towards health.
 */
class Constraints {
  private readonly reserveLo: bigint;
  private readonly reserveHi: bigint;
  private readonly minLimit: bigint;
  private readonly maxLimit: bigint;
  constructor(
    private readonly input: EpochInput,
    readonly u: Interval,
    readonly v: Interval,
  ) {
    const { reserve, maxReserve, minJuniorRatio: m, maxJuniorRatio: M } = input;
    const assets = input.nav + reserve;
    const junior = input.junior.value;
    this.reserveLo = -reserve;
    this.reserveHi = (reserve > maxReserve ? reserve : maxReserve) - reserve;
    const gMin = junior * ONE - m * assets;
    const gMax = M * assets - junior * ONE;
    this.minLimit = (gMin < 0n ? gMin : 0n) - gMin;
    this.maxLimit = (gMax < 0n ? gMax : 0n) - gMax;
  }

  /** The junior net flows allowed with senior net flow v. */
  uAt(v: bigint, box: Interval = this.u): Interval | undefined {
    const { minJuniorRatio: m, maxJuniorRatio: M } = this.input;
    let lo = box.lo > this.reserveLo - v ? box.lo : this.reserveLo - v;
    let hi = box.hi < this.reserveHi - v ? box.hi : this.reserveHi - v;
    // (ONE − m)·u − m·v ≥ minLimit
    const minRhs = this.minLimit + m * v;
    if (m === ONE) {
      if (minRhs > 0n) return undefined;
    } else lo = max(lo, ceilDiv(minRhs, ONE - m));
    // M·v − (ONE − M)·u ≥ maxLimit
    const maxRhs = M * v - this.maxLimit;
    if (M === ONE) {
      if (maxRhs < 0n) return undefined;
    } else hi = min(hi, floorDiv(maxRhs, ONE - M));
    return lo <= hi ? { lo, hi } : undefined;
  }

  /** The senior net flows allowed with junior net flow u. */
  vAt(u: bigint, box: Interval = this.v): Interval | undefined {
    const { minJuniorRatio: m, maxJuniorRatio: M } = this.input;
    let lo = max(box.lo, this.reserveLo - u);
    let hi = min(box.hi, this.reserveHi - u);
    const minRhs = (ONE - m) * u - this.minLimit;
    if (m === 0n) {
      if (minRhs < 0n) return undefined;
    } else hi = min(hi, floorDiv(minRhs, m));
    const maxRhs = this.maxLimit + (ONE - M) * u;
    if (M === 0n) {
      if (maxRhs > 0n) return undefined;
    } else lo = max(lo, ceilDiv(maxRhs, M));
    return lo <= hi ? { lo, hi } : undefined;
  }
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The extreme x in [limit, from] (towards `limit`) for which `ok(x)` holds, given ok(from); ok holds on an interval. */
function extreme(from: bigint, limit: bigint, ok: (x: bigint) => boolean): bigint {
  if (ok(limit)) return limit;
  let good = from;
  let bad = limit;
  while (good - bad > 1n || bad - good > 1n) {
    const mid = (good + bad) / 2n;
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * Executes an epoch's orders as far as the pool's bounds allow, in priority senior redeem, junior
 * redeem, junior invest, senior invest: each is maximised in turn, keeping the larger ones fixed,
 * over the final states that meet every bound (a lexicographic linear programme, as Tinlake's
 * solver with weights far apart). The bounds depend only on the net flow of each tranche, so the
 * search runs over the two nets, each step a bisection over an interval: O(log amount).
 * Redemptions pay from the reserve, and invested uusd in the same epoch pays them too.
 */
export function executeEpoch(input: EpochInput): EpochOutcome {
  const seniorPrice = tokenPrice(input.senior.value, input.senior.supply);
  const juniorPrice = tokenPrice(input.junior.value, input.junior.supply);
  // In uusd: senior redeem A, junior redeem B, junior invest C, senior invest D (0 at a zero price).
  const A = redeemable(input.senior, seniorPrice);
  const B = redeemable(input.junior, juniorPrice);
  const C = juniorPrice === 0n ? 0n : input.junior.invest;
  const D = seniorPrice === 0n ? 0n : input.senior.invest;
  const constraints = new Constraints(input, { lo: -B, hi: C }, { lo: -A, hi: D });
  const feasibleV = (v: bigint) => constraints.uAt(v) !== undefined;
  // 1. Senior redemption a = min(A, D − v): the smallest senior net v.
  const vMin = extreme(0n, -A, feasibleV);
  const a = min(A, D - vMin);
  const vBox = { lo: -A, hi: D - a };
  // 2. Junior redemption b = min(B, C − u): the smallest junior net with v ≤ D − a.
  const u0 = constraints.uAt(vMin)!.lo;
  const feasibleU = (u: bigint) => constraints.vAt(u, vBox) !== undefined;
  const uMin = extreme(u0, -B, feasibleU);
  const b = min(B, C - uMin);
  // 3. Junior invest: the largest junior net with u ≤ C − b. 4. Senior invest: the largest v then.
  const uMax = extreme(uMin, C - b, feasibleU);
  const v = constraints.vAt(uMax, vBox)!.hi;
  const c = uMax + b;
  const d = v + a;
  return {
    senior: fill(input.senior, seniorPrice, d, a, A),
    junior: fill(input.junior, juniorPrice, c, b, B),
    reserve: input.reserve + uMax + v,
    seniorValue: input.senior.value + v,
  };
}

/**
 * What a tranche's redeem orders are worth in uusd: tokens × price, rounded down, at most the
 * tranche's value; the whole value when the whole supply redeems (the last holders take the dust).
 */
function redeemable(tranche: TrancheInput, price: bigint): bigint {
  if (price === 0n) return 0n;
  if (tranche.redeem === tranche.supply) return tranche.value;
  return min(tokensValue(tranche.redeem, price), tranche.value);
}

/** A tranche's execution: `invested` uusd and `paid` uusd of redemptions worth `redeemable` uusd in all. */
function fill(tranche: TrancheInput, price: bigint, invested: bigint, paid: bigint, redeemable: bigint): TrancheFill {
  const minted = tokensFor(invested, price);
  // All tokens go when all their value is paid; otherwise the tokens paid for, rounded up.
  const redeemed = paid === redeemable ? (paid === 0n ? 0n : tranche.redeem) : min(tranche.redeem, ceilDiv(paid * ONE, price));
  return {
    price,
    invested,
    minted,
    redeemed,
    paid,
    investOrdered: tranche.invest,
    redeemOrdered: tranche.redeem,
  };
}
