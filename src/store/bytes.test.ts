import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToKey, compareBytes, keyToBytes, lengthPrefixed, readTimeKey, readUint64, timeKey, uint64Key, utf8 } from "./bytes.js";

const sign = (n: number) => Math.sign(n);

describe("key encodings", () => {
  it("uint64 keys round-trip, at any offset, and sort as the numbers do", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (a, b) => {
        expect(readUint64(Uint8Array.of(9, ...uint64Key(a)), 1)).toBe(a);
        expect(sign(compareBytes(uint64Key(a), uint64Key(b)))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it("time keys round-trip and sort in time order", () => {
    const time = fc.record({ seconds: fc.bigInt({ min: 0n, max: 2n ** 40n }), nanos: fc.integer({ min: 0, max: 999_999_999 }) });
    fc.assert(
      fc.property(time, time, (a, b) => {
        expect(readTimeKey(Uint8Array.of(1, 2, ...timeKey(a)), 2)).toEqual(a);
        const order = a.seconds !== b.seconds ? (a.seconds < b.seconds ? -1 : 1) : sign(a.nanos - b.nanos);
        expect(sign(compareBytes(timeKey(a), timeKey(b)))).toBe(order);
      }),
    );
  });

  it("length-prefixes a key part so it never runs into the next", () => {
    expect(lengthPrefixed(Uint8Array.of(7, 8))).toEqual(Uint8Array.of(2, 7, 8));
    expect(lengthPrefixed(new Uint8Array(0))).toEqual(Uint8Array.of(0));
  });
});

describe("string forms", () => {
  it("string keys round-trip any bytes, also views into a larger buffer, and sort as the bytes do", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 80 }), (a, b) => {
        const view = Uint8Array.of(0xff, ...a, 0xfe).subarray(1, a.length + 1);
        expect(bytesToKey(view)).toBe(bytesToKey(a));
        expect(keyToBytes(bytesToKey(a))).toEqual(a);
        const [ka, kb] = [bytesToKey(a), bytesToKey(b)];
        expect(ka < kb ? -1 : ka > kb ? 1 : 0).toBe(sign(compareBytes(a, b)));
      }),
    );
  });

  it("utf8 encodes as TextEncoder does, short ASCII, non-ASCII and long text alike", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 100 }), fc.string({ unit: "grapheme", maxLength: 80 })), (text) => {
        expect(utf8(text)).toEqual(encoder.encode(text));
      }),
    );
    expect(utf8("uxprt")).toEqual(encoder.encode("uxprt"));
    expect(utf8("é")).toEqual(encoder.encode("é"));
  });
});
