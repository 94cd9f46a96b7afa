import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, mulCeil, ONE, parseDecimal } from "./decimal.js";

describe("18-place decimals", () => {
  it("parse and format round-trip, rejecting what is not a plain decimal", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (scaled) => {
        expect(parseDecimal(formatDecimal(scaled))).toBe(scaled);
      }),
    );
    expect(parseDecimal("0.025")).toBe(25n * 10n ** 15n);
    for (const bad of ["", "-1", "1e3", "0.0000000000000000001", "1.", ".5", "0x10"]) expect(parseDecimal(bad)).toBeUndefined();
  });

  it("multiplies rounding up: never below the exact product, never a unit above", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 0n, max: 10n ** 24n }), (integer, decimal) => {
        const result = mulCeil(integer, decimal);
        expect(result * ONE).toBeGreaterThanOrEqual(integer * decimal);
        expect((result - 1n) * ONE).toBeLessThan(integer * decimal);
      }),
    );
  });
});
