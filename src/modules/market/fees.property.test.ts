import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE } from "../../types/decimal.js";
import { buyEscrow, buyEscrowPerUnit, feeOn } from "./fees.js";
import { DEFAULT_MARKET_PARAMS } from "./params.js";

const rate = fc.bigInt({ min: 0n, max: ONE - 1n });
const amount = fc.bigInt({ min: 1n, max: 10n ** 20n });

describe("market money math", () => {
  it("rounds fees up: never below the exact fee, never a unit above", () => {
    fc.assert(
      fc.property(amount, rate, (notional, r) => {
        const fee = feeOn(notional, r);
        expect(fee * ONE).toBeGreaterThanOrEqual(notional * r);
        expect((fee - 1n) * ONE).toBeLessThan(notional * r);
        expect(fee).toBeLessThanOrEqual(notional);
      }),
    );
  });

  it("a buy's escrow pays every sequence of fills at or below its limit, with either fee, and the rest is refunded", () => {
    const fills = fc.array(fc.record({ quantity: fc.bigInt({ min: 1n, max: 1000n }), discount: fc.bigInt({ min: 0n, max: 10n ** 9n }), maker: fc.boolean() }), { maxLength: 20 });
    fc.assert(
      fc.property(rate, rate, fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 20_000n }), fills, (makerFeeRate, takerFeeRate, limit, quantity, steps) => {
        const params = { ...DEFAULT_MARKET_PARAMS, makerFeeRate, takerFeeRate };
        let remaining = quantity;
        let escrow = buyEscrow(limit, quantity, params);
        let paid = 0n;
        let refunded = 0n;
        for (const step of steps) {
          if (remaining === 0n) break;
          const filled = step.quantity < remaining ? step.quantity : remaining;
          const price = limit - (step.discount % limit);
          const cost = price * filled + feeOn(price * filled, step.maker ? makerFeeRate : takerFeeRate);
          remaining -= filled;
          const keep = buyEscrow(limit, remaining, params);
          const refund = escrow - cost - keep;
          expect(refund).toBeGreaterThanOrEqual(0n);
          [escrow, paid, refunded] = [keep, paid + cost, refunded + refund];
        }
        // Nothing is created or lost: what was escrowed is paid, refunded, or still held for open units.
        expect(paid + refunded + escrow).toBe(buyEscrow(limit, quantity, params));
        expect(escrow).toBe(remaining * buyEscrowPerUnit(limit, params));
      }),
    );
  });
});
