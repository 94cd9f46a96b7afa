import { BinaryWriter } from "cosmjs-types/binary";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lengthDelimitedSize, putVarint64, varint64FieldSize, varint64Length } from "./proto-wire.js";

const int64 = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 14n }));
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe("proto wire helpers", () => {
  it("write 64-bit varints as cosmjs-types writes int64 and uint64, and size them exactly", () => {
    fc.assert(
      fc.property(fc.oneof(int64, uint64), (value) => {
        const expected = value < 0n ? new BinaryWriter().int64(value).finish() : new BinaryWriter().uint64(value).finish();
        const out = new Uint8Array(12);
        const end = putVarint64(out, 1, value);
        expect(out.subarray(1, end)).toEqual(expected);
        expect(varint64Length(value)).toBe(expected.length);
        expect(varint64FieldSize(value)).toBe(value === 0n ? 0 : 1 + expected.length);
      }),
      { numRuns: 500 },
    );
  });

  it("sizes a length-delimited field with its tag and length, and omits an empty one", () => {
    expect(lengthDelimitedSize(0)).toBe(0);
    expect(lengthDelimitedSize(127)).toBe(1 + 1 + 127);
    expect(lengthDelimitedSize(128)).toBe(1 + 2 + 128);
  });
});
