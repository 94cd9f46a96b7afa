import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shareWithCap } from "./allocation.js";

/**
 * The fixed point as the spec states it, computed the slow way: cap everyone whose exact share
 * exceeds the cap, recompute the shares of the rest from what is left, repeat until nobody new
 * is capped; then round the uncapped shares down.
 */
function referenceShares(weights: readonly bigint[], total: bigint, cap: bigint): bigint[] {
  const capped = new Set<number>();
  for (;;) {
    const remaining = total - BigInt(capped.size) * cap;
    const weight = weights.reduce((sum, w, i) => (capped.has(i) ? sum : sum + w), 0n);
    const exceeding = weights.flatMap((w, i) => (!capped.has(i) && remaining * w > cap * weight ? [i] : []));
    if (exceeding.length === 0) return weights.map((w, i) => (capped.has(i) ? cap : weight === 0n ? 0n : (remaining * w) / weight));
    for (const i of exceeding) capped.add(i);
  }
}

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);

/** Weights with ties and zeros, small and huge (uatom × seconds of real snapshots reach 10^25 and more). */
const weightsArb = fc
  .array(fc.oneof(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 0n, max: 10n ** 30n })), { minLength: 1, maxLength: 60 })
  .filter((weights) => weights.some((w) => w > 0n));
const amountArb = fc.bigInt({ min: 1n, max: 10n ** 15n });

describe("shareWithCap", () => {
  it("is the documented example", () => {
    expect(shareWithCap([1n, 1n, 8n], 100n, 50n)).toEqual({ amounts: [25n, 25n, 50n], capped: 1, dust: 0n });
  });

  it("cascades: capping the largest frees enough to cap the next, and the rest share what is left, rounded down", () => {
    // 1000 by weight 50:30:10:10 with a cap of 300: 50 is capped (500 > 300); 700 left for 30:10:10
    // gives 420 to the 30 (> 300), capped; 400 left for 10:10: 200 each.
    expect(shareWithCap([10n, 50n, 10n, 30n], 1000n, 300n)).toEqual({ amounts: [200n, 300n, 200n, 300n], capped: 2, dust: 0n });
    // 100 by 1:1:1: 33 each, 1 left as dust.
    expect(shareWithCap([1n, 1n, 1n], 100n, 50n)).toEqual({ amounts: [33n, 33n, 33n], capped: 0, dust: 1n });
    // Everyone capped: the cap binds for all, 100 − 2 × 30 is left.
    expect(shareWithCap([5n, 0n, 7n], 100n, 30n)).toEqual({ amounts: [30n, 0n, 30n], capped: 2, dust: 40n });
  });

  it("equals the spec's iterate-to-a-fixed-point computation exactly", () => {
    fc.assert(
      fc.property(weightsArb, amountArb, amountArb, (weights, total, cap) => {
        expect(shareWithCap(weights, total, cap).amounts).toEqual(referenceShares(weights, total, cap));
      }),
      { numRuns: 500 },
    );
  });

  it("never exceeds the total or the cap, and leaves less dust than there are stakers unless the cap binds for all", () => {
    fc.assert(
      fc.property(weightsArb, amountArb, amountArb, (weights, total, cap) => {
        const { amounts, dust, capped } = shareWithCap(weights, total, cap);
        const positive = weights.filter((w) => w > 0n).length;
        expect(sum(amounts) + dust).toBe(total);
        expect(dust).toBeGreaterThanOrEqual(0n);
        for (const a of amounts) expect(a).toBeLessThanOrEqual(cap);
        expect(amounts.filter((a) => a === cap).length).toBeGreaterThanOrEqual(capped);
        if (BigInt(positive) * cap >= total) expect(dust).toBeLessThan(BigInt(positive));
        else expect(amounts.filter((a, i) => weights[i]! > 0n && a === cap)).toHaveLength(positive);
        weights.forEach((w, i) => {
          if (w === 0n) expect(amounts[i]).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("is monotone in weight and proportional among uncapped stakers within rounding", () => {
    fc.assert(
      fc.property(weightsArb, amountArb, amountArb, (weights, total, cap) => {
        const { amounts } = shareWithCap(weights, total, cap);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            const [wi, wj, ai, aj] = [weights[i]!, weights[j]!, amounts[i]!, amounts[j]!];
            if (wi >= wj) expect(ai).toBeGreaterThanOrEqual(aj);
            // Uncapped amounts are floor(rate × w) for one rate: ai / wi ≤ rate < (aj + 1) / wj.
            if (ai < cap && aj < cap && wi > 0n && wj > 0n) expect(ai * wj).toBeLessThan((aj + 1n) * wi);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order the stakers are listed in", () => {
    fc.assert(
      fc.property(weightsArb, amountArb, amountArb, fc.integer({ min: 0, max: 1000 }), (weights, total, cap, rotation) => {
        const k = rotation % weights.length;
        const rotated = [...weights.slice(k), ...weights.slice(0, k)];
        const amounts = shareWithCap(weights, total, cap).amounts;
        expect(shareWithCap(rotated, total, cap).amounts).toEqual([...amounts.slice(k), ...amounts.slice(0, k)]);
      }),
      { numRuns: 200 },
    );
  });
});
