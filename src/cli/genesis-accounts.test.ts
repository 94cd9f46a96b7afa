import { describe, expect, it } from "vitest";
import { XPRT_GENESIS_SUPPLY } from "../app/genesis-state.js";
import { genesisAllocations, parseGenesisAccountSpec } from "./genesis-accounts.js";

describe("genesis accounts from the command line", () => {
  it("parses holder[=coins]", () => {
    expect(parseGenesisAccountSpec("alice")).toEqual({ holder: "alice" });
    expect(parseGenesisAccountSpec("alice=1xprt,2usd")).toEqual({ holder: "alice", coins: [{ denom: "uusd", amount: 2_000_000n }, { denom: "uxprt", amount: 1_000_000n }] });
    expect(() => parseGenesisAccountSpec("=1xprt")).toThrow(expect.objectContaining({ code: "invalid_genesis_account" }));
  });

  it("gives the account without coins the rest of the XPRT supply", () => {
    const allocations = genesisAllocations([{ address: "a", coins: [{ denom: "uxprt", amount: 5n }, { denom: "uusd", amount: 7n }] }, { address: "b" }]);
    expect(allocations).toEqual([
      { address: "a", coins: [{ denom: "uxprt", amount: 5n }, { denom: "uusd", amount: 7n }] },
      { address: "b", coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY - 5n }] },
    ]);
  });

  it("accepts explicit coins that hold exactly the supply, and nothing else", () => {
    expect(genesisAllocations([{ address: "a", coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY }] }])).toHaveLength(1);
    expect(() => genesisAllocations([{ address: "a", coins: [{ denom: "uxprt", amount: 1n }] }])).toThrow(
      expect.objectContaining({ code: "genesis_supply_mismatch", message: expect.stringContaining("100,000,000,000.000000 XPRT") }),
    );
    expect(() => genesisAllocations([{ address: "a", coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY }] }, { address: "b" }])).toThrow(
      expect.objectContaining({ code: "genesis_supply_mismatch" }),
    );
  });

  it("allows one account without coins and each address once", () => {
    expect(() => genesisAllocations([{ address: "a" }, { address: "b" }])).toThrow(expect.objectContaining({ code: "invalid_genesis_account" }));
    expect(() => genesisAllocations([{ address: "a" }, { address: "a", coins: [] }])).toThrow(expect.objectContaining({ code: "invalid_genesis_account" }));
  });
});
