import { afterEach, describe, expect, it } from "vitest";
import { LoanStatus } from "../../generated/persistence/lending/v1/types.js";
import { AppHarness } from "../../testing/app-harness.js";
import { attributes, fractionDenom, LENDING_ADDRESS, LendingTestChain, msg, placeOrder, startLendingChain, type LendingChain } from "./test-fixture.js";

const F1 = fractionDenom("f1");
const NFT = "nft:invoice/n1";

describe("lending genesis while an auction runs", () => {
  let t: LendingChain;
  const others: AppHarness[] = [];
  afterEach(async () => {
    await t.chain.close();
    for (const h of others.splice(0)) await h.close();
  });

  const ok = async (chain: LendingTestChain, ...txs: Promise<Uint8Array>[]) => {
    const result = await chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
    return result;
  };

  /** A 1,000,000 uusd bullet loan on `amount` of `collateral`, impaired: returns the auction's price per unit. */
  const auctioned = async (collateral: string, amount: bigint) => {
    t = await startLendingChain();
    await ok(t.chain, t.alice.tx(msg.pledge(t.alice, collateral, amount)));
    await ok(t.chain, t.valuer.tx(msg.appraise(t.valuer, 1n, 2_000_000n)));
    const maturity = t.chain.now + 10n;
    await ok(t.chain, t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 1_000_000n, maturity, grace: 5n })));
    await ok(t.chain, t.bob.tx(msg.fund(t.bob, 1n)));
    t.chain.advance(maturity + 5n - t.chain.now - 1n);
    const impaired = await ok(t.chain);
    return BigInt(attributes({ events: impaired.events }, "auction_started")[0]!.price!.replace("uusd", ""));
  };

  /** Exports the chain, starts a copy from it, runs a block and checks the copy exports the same lending and market state. */
  const copied = async () => {
    const exported = t.chain.app.exportGenesis();
    const copy = await AppHarness.start({ genesis: exported });
    others.push(copy);
    const chain = new LendingTestChain(copy);
    chain.now = t.chain.now;
    await ok(chain);
    const again = copy.app.exportGenesis();
    expect(again.lending).toEqual(exported.lending);
    expect(again.market).toEqual(exported.market);
    return chain;
  };

  it("re-imports fraction units on auction, partly sold, and the copy settles the auction", async () => {
    const perUnit = await auctioned(F1, 30n);
    await ok(t.chain, t.carol.tx(placeOrder(t.carol.signer, { base: F1, side: "buy", price: perUnit, quantity: 10n })));
    expect((await t.chain.loan(1n)).loan!.status).toBe(LoanStatus.LOAN_STATUS_AUCTION);
    expect(await t.chain.balance(LENDING_ADDRESS, F1)).toBe(0n);

    const chain = await copied();
    // Accounts and their sequences are in the genesis: carol's wallet signs for the copy as it did for the original.
    const carol = t.carol;
    const sold = await ok(chain, carol.tx(placeOrder(carol.signer, { base: F1, side: "buy", price: perUnit, quantity: 20n })));
    expect(attributes(sold.txResults[0]!, "auction_fill")[0]).toMatchObject({ loan_id: "1", quantity: "20" });
    expect(attributes(sold.txResults[0]!, "auction_settled")).toHaveLength(1);
    expect(await chain.balance(t.carol.address, F1)).toBe(30n);
  });

  it("refuses a loan on auction without lending's order of its collateral, or with more left on it than pledged", async () => {
    await auctioned(F1, 30n);
    const exported = t.chain.app.exportGenesis();
    const lending = exported.lending as { loans: Record<string, unknown>[]; pledges: Record<string, unknown>[] };
    const withLending = (changes: { loan?: Record<string, unknown>; pledge?: Record<string, unknown> }) => ({
      ...exported,
      lending: { ...lending, loans: [{ ...lending.loans[0], ...changes.loan }], pledges: [{ ...lending.pledges[0], ...changes.pledge }] },
    });
    const log = "loan 1 is on auction but the market has no sell order";
    for (const genesis of [withLending({ loan: { auction_order_id: "99" } }), withLending({ pledge: { amount: "29" } })]) {
      await expect(AppHarness.start({ genesis }).then((h) => others.push(h))).rejects.toThrow(log);
    }
  });

  it("re-imports a whole asset on auction, and the copy settles the auction", async () => {
    const reserve = await auctioned(NFT, 1n);
    expect(t.chain.asset("n1").status).toBe("ASSET_STATUS_DEFAULTED");

    const chain = await copied();
    const carol = t.carol;
    const sold = await ok(chain, carol.tx(placeOrder(carol.signer, { base: NFT, side: "buy", price: reserve, quantity: 1n })));
    expect(attributes(sold.txResults[0]!, "auction_settled")).toHaveLength(1);
    expect(chain.asset("n1").owner).toBe(t.carol.address);
  });
});
