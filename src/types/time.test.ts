import { describe, expect, it } from "vitest";
import { addDuration, compareTimes, formatTime, isValidTime } from "./time.js";

describe("block times", () => {
  it("compare by seconds, then nanos", () => {
    expect(compareTimes({ seconds: 1n, nanos: 999 }, { seconds: 2n, nanos: 0 })).toBe(-1);
    expect(compareTimes({ seconds: 2n, nanos: 5 }, { seconds: 2n, nanos: 4 })).toBe(1);
    expect(compareTimes({ seconds: 2n, nanos: 5 }, { seconds: 2n, nanos: 5 })).toBe(0);
  });

  it("add durations carrying nanos into seconds", () => {
    expect(addDuration({ seconds: 10n, nanos: 600_000_000 }, { seconds: 5n, nanos: 500_000_000 })).toEqual({ seconds: 16n, nanos: 100_000_000 });
  });

  it("print as protobuf JSON, with 0, 3, 6 or 9 fractional digits", () => {
    expect(formatTime({ seconds: 1_700_000_000n, nanos: 0 })).toBe("2023-11-14T22:13:20Z");
    expect(formatTime({ seconds: 1_700_000_000n, nanos: 250_000_000 })).toBe("2023-11-14T22:13:20.250Z");
    expect(formatTime({ seconds: 1_700_000_000n, nanos: 5 })).toBe("2023-11-14T22:13:20.000000005Z");
  });

  it("are valid within protobuf's years 1 to 9999 and whole nanos below 10^9", () => {
    expect(isValidTime({ seconds: 253_402_300_799n, nanos: 999_999_999 })).toBe(true);
    expect(isValidTime({ seconds: 253_402_300_800n, nanos: 0 })).toBe(false);
    expect(isValidTime({ seconds: -62_135_596_801n, nanos: 0 })).toBe(false);
    expect(isValidTime({ seconds: 0n, nanos: 1e9 })).toBe(false);
    expect(isValidTime({ seconds: 0n, nanos: 0.5 })).toBe(false);
  });
});
