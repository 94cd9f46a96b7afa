import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { KVReader } from "../../store/kv.js";
import { decodeAddress, moduleAddress } from "../../types/address.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ErrUnauthorized } from "../../types/errors.js";
import type { BankKeeper } from "./keeper.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };
const FEE = [{ denom: "uxprt", amount: 5000n }];

/** CheckTx's fee charge against the real transfer it stands for, on the keepers of an assembled App. */
describe("bank chargeForModule", () => {
  let alice: Uint8Array;
  let chain: AppHarness;
  let bank: BankKeeper;
  let genesisState: CacheKV;

  beforeEach(async () => {
    const signer = await TestSigner.fromSeed(1);
    alice = decodeAddress(signer.address) as Uint8Array;
    const genesis = fundedGenesis([signer]);
    chain = await AppHarness.start({ genesis });
    bank = chain.app.keepers.bank;
    genesisState = new CacheKV(EMPTY);
    const ctx = contextOn(genesisState);
    for (const module of chain.app.modules) expect(module.initGenesis(ctx, genesis[module.name] ?? module.defaultGenesis())).toBeUndefined();
  });
  afterEach(() => chain.close());

  const contextOn = (state: CacheKV) => new Context({ height: 2n, time: { seconds: 1_700_000_002n, nanos: 0 }, chainId: TEST_CHAIN_ID }, "check", state, unmeteredGas());

  it("debits and reports like the transfer to the module, leaving the module's balance alone", () => {
    const [sent, charged] = [contextOn(new CacheKV(genesisState)), contextOn(new CacheKV(genesisState))];
    expect(bank.sendCoinsFromAccountToModule(sent, alice, "fee_collector", FEE)).toBeUndefined();
    expect(bank.chargeForModule(charged, alice, "fee_collector", FEE)).toBeUndefined();
    expect(charged.events.events).toEqual(sent.events.events);
    expect(bank.getBalance(charged, alice, "uxprt")).toBe(bank.getBalance(sent, alice, "uxprt"));
    expect(bank.getBalance(sent, moduleAddress("fee_collector"), "uxprt")).toBe(5000n);
    expect(bank.getBalance(charged, moduleAddress("fee_collector"), "uxprt")).toBe(0n);
  });

  it("passes the send restrictions and refuses what the sender cannot pay", () => {
    const ctx = contextOn(new CacheKV(genesisState));
    expect(bank.chargeForModule(ctx, alice, "fee_collector", [{ denom: "uxprt", amount: 10n ** 12n }])?.log).toContain("insufficient funds");
    bank.appendSendRestriction(() => ErrUnauthorized.wrap("held"));
    expect(bank.chargeForModule(ctx, alice, "fee_collector", FEE)?.log).toBe("held: unauthorized");
    expect(bank.getBalance(ctx, alice, "uxprt")).toBe(1_000_000_000n);
  });

  it("carries a fee debit over to a changed balance only where checking again would end the same", () => {
    const rebases = bank.feeDebitRebases(alice, FEE);
    expect(rebases.size).toBe(1);
    const rebase = [...rebases.values()][0]!;
    const bytes = (amount: bigint | null) => (amount === null ? null : new TextEncoder().encode(String(amount)));
    // The check read 1,000,000 and wrote 995,000.
    const carry = (current: bigint | null, written = 995_000n) => {
      const out = rebase(bytes(current), bytes(1_000_000n), bytes(written));
      return out === undefined || out === null ? out : BigInt(Buffer.from(out).toString());
    };
    expect(carry(1_004_000n)).toBe(999_000n);
    expect(carry(1_000_000n)).toBe(995_000n);
    // The balance's or the result's length changed: the gas would differ.
    expect(carry(999_999n)).toBeUndefined();
    expect(carry(1_005_000n)).toBeUndefined();
    // Not enough left, or nothing (a deletion), or no balance at all.
    expect(carry(4_000n)).toBeUndefined();
    expect(carry(5_000n)).toBeUndefined();
    expect(carry(null)).toBeUndefined();
    // The check wrote something other than this debit.
    expect(carry(1_004_000n, 990_000n)).toBeUndefined();
  });
});
