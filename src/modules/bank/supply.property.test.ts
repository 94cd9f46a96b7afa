import { QueryAllBalancesRequest, QueryAllBalancesResponse, QueryTotalSupplyRequest, QueryTotalSupplyResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { MsgMultiSend, MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { moduleAddress, encodeAddress } from "../../types/address.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";

const DENOMS = ["uusd", "uxprt"] as const;
const FEE_COLLECTOR = encodeAddress(moduleAddress("fee_collector"));
/** Where each block's begin-block moves the fees collected. */
const DISTRIBUTION = encodeAddress(moduleAddress("distribution"));

/** One transfer in a random sequence: sender, recipients and amounts, overspends included. */
const transfer = fc.record({
  from: fc.nat({ max: 3 }),
  to: fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 3 }),
  amount: fc.bigInt({ min: 1n, max: 600_000n }),
  denom: fc.constantFrom(...DENOMS),
  multi: fc.boolean(),
});

describe("bank conserves every denom", () => {
  it("keeps total supply equal to the sum of balances, with no negative balance, through random transfers", async () => {
    const signers = await Promise.all([0, 1, 2, 3, 4].map((i) => TestSigner.fromSeed(100 + i)));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(transfer, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), async (blocks) => {
        const chain = await AppHarness.start({ genesis: fundedGenesis(signers.slice(0, 4), 1_000_000n) });
        try {
          const sequences = [0n, 0n, 0n, 0n];
          for (const block of blocks) {
            const txs = await Promise.all(
              block.map((t) => {
                const from = signers[t.from]!;
                const coins = (amount: bigint) => [{ denom: t.denom, amount: amount.toString() }];
                const message = t.multi
                  ? {
                      typeUrl: MsgMultiSend.typeUrl,
                      value: MsgMultiSend.fromPartial({
                        inputs: [{ address: from.address, coins: coins(t.amount * BigInt(t.to.length)) }],
                        outputs: t.to.map((i) => ({ address: signers[i]!.address, coins: coins(t.amount) })),
                      }),
                    }
                  : { typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: from.address, toAddress: signers[t.to[0]!]!.address, amount: coins(t.amount) }) };
                const sequence = sequences[t.from]!;
                sequences[t.from] = sequence + 1n;
                return from.sign({ messages: [message], chainId: TEST_CHAIN_ID, accountNumber: BigInt(t.from), sequence, fee: { amount: [{ denom: "uxprt", amount: "1000" }], gas: 300_000n } });
              }),
            );
            await chain.block(txs);
            const supply = (await chain.query("/cosmos.bank.v1beta1.Query/TotalSupply", QueryTotalSupplyRequest, {}, QueryTotalSupplyResponse)).supply;
            const holders = [...signers.map((s) => s.address), FEE_COLLECTOR, DISTRIBUTION];
            const totals = new Map<string, bigint>();
            for (const address of holders) {
              const { balances } = await chain.query("/cosmos.bank.v1beta1.Query/AllBalances", QueryAllBalancesRequest, { address }, QueryAllBalancesResponse);
              for (const coin of balances) {
                expect(BigInt(coin.amount)).toBeGreaterThan(0n);
                totals.set(coin.denom, (totals.get(coin.denom) ?? 0n) + BigInt(coin.amount));
              }
            }
            for (const denom of DENOMS) expect(totals.get(denom)).toBe(4_000_000n);
            expect(supply.map((c) => [c.denom, c.amount])).toEqual(DENOMS.map((d) => [d, "4000000"]));
          }
        } finally {
          await chain.close();
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
