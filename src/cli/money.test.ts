import { describe, expect, it } from "vitest";
import { coinJson, formatAmount, formatCoin, parseCoinsArgument } from "./money.js";

describe("money on the command line", () => {
  it("parses base and display units into sorted bigint coins", () => {
    expect(parseCoinsArgument("1000000xprt,500usd")).toEqual([
      { denom: "uusd", amount: 500_000_000n },
      { denom: "uxprt", amount: 1_000_000_000_000n },
    ]);
    expect(parseCoinsArgument("1.5xprt")).toEqual([{ denom: "uxprt", amount: 1_500_000n }]);
    expect(parseCoinsArgument("0.000001xprt,9uxprt")).toEqual([{ denom: "uxprt", amount: 10n }]);
    expect(parseCoinsArgument("123456789012345678901234567890ufoo")).toEqual([{ denom: "ufoo", amount: 123456789012345678901234567890n }]);
  });

  it("refuses what is not a positive amount of a valid denom", () => {
    for (const bad of ["", "xprt", "1", "0uxprt", "1.5uxprt", "1.0000001xprt", "-1xprt", "1 xprt", "uxprt1", "5x"]) {
      expect(() => parseCoinsArgument(bad), bad).toThrow(expect.objectContaining({ code: "invalid_coins" }));
    }
  });

  it("shows amounts with their decimals and denom beside the exact base amount", () => {
    expect(formatAmount({ denom: "uxprt", amount: 1_234_567_890n })).toBe("1,234.567890 XPRT");
    expect(formatCoin({ denom: "uxprt", amount: 1_234_567_890n })).toBe("1,234.567890 XPRT (1234567890uxprt)");
    expect(formatCoin({ denom: "uusd", amount: 5n })).toBe("0.000005 USD (5uusd)");
    expect(formatCoin({ denom: "ufoo", amount: 42n })).toBe("42ufoo");
    expect(coinJson({ denom: "uxprt", amount: 100_000_000_000n * 1_000_000n })).toEqual({ denom: "uxprt", amount: "100000000000000000", display: "100,000,000,000.000000 XPRT" });
  });
});
