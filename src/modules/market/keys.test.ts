import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareBytes } from "../../store/bytes.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { bookKey, expiryKey, MAX_AMOUNT, priceFromKey, priceKey } from "./keys.js";

const price = fc.bigInt({ min: 1n, max: MAX_AMOUNT });
const id = fc.bigInt({ min: 1n, max: 2n ** 64n - 1n });

describe("market keys", () => {
  it("order a book side by priority: lowest ask and highest bid first, then the earlier order", () => {
    fc.assert(
      fc.property(price, price, id, id, (a, b, x, y) => {
        const ask = compareBytes(bookKey("asset/c/1", Side.SIDE_SELL, a, x), bookKey("asset/c/1", Side.SIDE_SELL, b, y));
        const bid = compareBytes(bookKey("asset/c/1", Side.SIDE_BUY, a, x), bookKey("asset/c/1", Side.SIDE_BUY, b, y));
        const byId = Math.sign(Number(x - y));
        expect(Math.sign(ask)).toBe(a === b ? byId : a < b ? -1 : 1);
        expect(Math.sign(bid)).toBe(a === b ? byId : a > b ? -1 : 1);
      }),
    );
  });

  it("read prices back from their keys", () => {
    fc.assert(
      fc.property(price, fc.constantFrom(Side.SIDE_BUY, Side.SIDE_SELL), (p, side) => {
        expect(priceFromKey(side, priceKey(side, p))).toBe(p);
      }),
    );
  });

  it("order expiries by time, then order id", () => {
    const time = fc.record({ seconds: fc.bigInt({ min: 0n, max: 253_402_300_799n }), nanos: fc.integer({ min: 0, max: 999_999_999 }) });
    fc.assert(
      fc.property(time, time, id, (s, t, i) => {
        const order = s.seconds !== t.seconds ? (s.seconds < t.seconds ? -1 : 1) : Math.sign(s.nanos - t.nanos);
        expect(Math.sign(compareBytes(expiryKey(s, i), expiryKey(t, i)))).toBe(order);
      }),
    );
  });
});
