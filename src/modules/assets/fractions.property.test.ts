import { QueryBalanceRequest, QueryBalanceResponse, QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import * as requests from "../../generated/persistence/assets/v1/query.js";
import { MsgFractionalize, MsgRecombine, QueryNFTResponse, queryPath } from "./codecs.js";
import { encoded, fromSeeds, identityGenesis, issueInvoice, TxSender } from "./test-fixture.js";

const DENOM = "asset/invoice/INV-1";
const ASSETS_MODULE = encodeAddress(moduleAddress("assets"));
const MAX_UNITS = 1_000_000_000n;

/** Mostly accounts 0 and 1 (attested), sometimes 2 (not attested). */
const account = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 1 }) }, { weight: 1, arbitrary: fc.constant(2) });
/** Small unit counts (so units change hands wholesale), sometimes the cap or just above it. */
const unitCount = fc.oneof({ weight: 4, arbitrary: fc.bigInt({ min: 2n, max: 50n }) }, { weight: 1, arbitrary: fc.constantFrom(MAX_UNITS, MAX_UNITS + 1n) });

/** One step: split the asset, send units, or recombine. */
const step = fc.oneof(
  fc.record({ kind: fc.constant("split" as const), who: account, units: unitCount }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("send" as const), who: account, to: account, amount: fc.bigInt({ min: 1n, max: 20n }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("recombine" as const), who: account }) },
);
/** Alice, who issued the asset, splits it first; random steps follow. */
const steps = fc.tuple(fc.bigInt({ min: 2n, max: 50n }), fc.array(step, { minLength: 1, maxLength: 14 })).map(([units, rest]) => [{ kind: "split" as const, who: 0, units }, ...rest]);

describe("fraction units outstanding", () => {
  it("equal N while the asset is locked and 0 once recombined, every unit held by someone, through random splits, sends and recombinations", async () => {
    const [alice, bob, carol, provider] = await fromSeeds((seed) => TestSigner.fromSeed(seed), 1, 2, 3, 4);
    const holders = [alice, bob, carol];
    const accounts = [...holders, provider];
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        const identity = identityGenesis(provider, [{ signer: alice, kycLevel: 1 }, { signer: bob, kycLevel: 1 }]);
        const chain = await AppHarness.start({ genesis: { ...fundedGenesis(accounts), identity } });
        try {
          const txs = new TxSender(chain, TEST_CHAIN_ID, accounts);
          expect((await txs.run(alice, issueInvoice(alice, "INV-1"))).code).toBe(0);
          const units = async (address: string) =>
            BigInt((await chain.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address, denom: DENOM }, QueryBalanceResponse)).balance!.amount);
          const supply = async () => BigInt((await chain.query("/cosmos.bank.v1beta1.Query/SupplyOf", QuerySupplyOfRequest, { denom: DENOM }, QuerySupplyOfResponse)).amount!.amount);
          const owner = async () => (await chain.query(queryPath("NFT"), requests.QueryNFTRequest, { classId: "invoice", id: "INV-1" }, QueryNFTResponse)).nft!.owner;
          let locked: bigint | undefined;

          for (const s of sequence) {
            const who = holders[s.who]!;
            const held = await Promise.all(holders.map((h) => units(h.address)));
            let expected: boolean;
            let result;
            if (s.kind === "split") {
              expected = locked === undefined && (await owner()) === who.address && s.who !== 2 && s.units <= MAX_UNITS;
              result = await txs.run(who, encoded(MsgFractionalize, { owner: who.address, classId: "invoice", id: "INV-1", units: s.units }));
              if (result.code === 0) locked = s.units;
            } else if (s.kind === "send") {
              const to = holders[s.to]!;
              expected = held[s.who]! >= s.amount && s.who !== 2 && s.to !== 2;
              result = await txs.run(who, encoded(MsgSend, MsgSend.fromPartial({ fromAddress: who.address, toAddress: to.address, amount: [{ denom: DENOM, amount: s.amount.toString() }] })));
            } else {
              expected = locked !== undefined && held[s.who] === locked;
              result = await txs.run(who, encoded(MsgRecombine, { holder: who.address, denom: DENOM }));
              if (result.code === 0) locked = undefined;
            }
            expect(result.code === 0, `${JSON.stringify(s, (_, v) => (typeof v === "bigint" ? v.toString() : v))}: ${result.log}`).toBe(expected);

            const outstanding = await supply();
            const total = (await Promise.all(holders.map((h) => units(h.address)))).reduce((a, b) => a + b, 0n);
            expect(outstanding).toBe(locked ?? 0n);
            expect(total).toBe(outstanding);
            expect(await units(ASSETS_MODULE)).toBe(0n);
            if (locked === undefined) expect(holders.map((h) => h.address)).toContain(await owner());
            else expect(await owner()).toBe(ASSETS_MODULE);
          }
        } finally {
          await chain.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
