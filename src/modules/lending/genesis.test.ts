import { afterEach, describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { defaultLendingGenesis } from "./genesis.js";
import { LendingTestChain, msg, startLendingChain, type LendingChain } from "./test-fixture.js";

describe("lending genesis", () => {
  let t: LendingChain;
  const others: AppHarness[] = [];
  afterEach(async () => {
    await t.chain.close();
    for (const h of others.splice(0)) await h.close();
  });

  const ok = async (...txs: Promise<Uint8Array>[]) => {
    const result = await t.chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
  };

  it("round-trips pledges, appraisals, running and closed loans, accumulators and params, and the rebuilt indexes work", async () => {
    t = await startLendingChain();
    await ok(t.alice.tx(msg.pledge(t.alice, "nft:invoice/n1")), t.alice.tx(msg.pledge(t.alice, "asset/invoice/f1", 20n)));
    await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 1_000_000n)), t.valuer.tx(msg.appraise(t.valuer, 2n, 1_000_000n)));
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 500_000n, maturity: t.chain.now + 100_000n, periodSeconds: 10_000n })));
    await ok(t.bob.tx(msg.fund(t.bob, 1n)), t.alice.tx(msg.request(t.alice, { pledgeId: 2n, principal: 100n, maturity: t.chain.now + 500n })));
    await ok(t.alice.tx(msg.cancel(t.alice, 2n)));
    const exported = t.chain.app.exportGenesis();
    const lending = exported.lending as Record<string, unknown[]>;
    expect([lending.pledges!.length, lending.appraisals!.length, lending.loans!.length, lending.accumulators!.length]).toEqual([2, 2, 2, 1]);

    const copy = await AppHarness.start({ genesis: exported });
    others.push(copy);
    const chain = new LendingTestChain(copy);
    chain.now = t.chain.now;
    await chain.block([]);
    expect(copy.app.exportGenesis().lending).toEqual(exported.lending);
    // The default index was rebuilt: the copy impairs the loan when its first instalment is missed.
    chain.advance(20_000n);
    const result = await chain.block([]);
    expect(result.events.some((e) => e.type === "loan_impaired")).toBe(true);
  });

  it("refuses a pledge naming a loan that does not name it back, and a loan without its accumulator", async () => {
    t = await startLendingChain();
    const base = defaultLendingGenesis() as Record<string, unknown>;
    const owner = t.alice.address;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, next_pledge_id: "2", pledges: [{ id: "1", owner, collateral: "asset/invoice/f1", amount: "1", loan_id: "3" }] }, "loan 3 does not back onto it"],
      [
        {
          ...base,
          next_loan_id: "2",
          loans: [{ id: "1", pledge_id: "1", borrower: owner, lender: owner, status: "LOAN_STATUS_DEFAULTED", principal: "1", apr: "0", rate_per_second: "1000000000000000000", normalized_debt: "1", outstanding_principal: "1", repaid: "0" }],
        },
        "no accumulator",
      ],
    ];
    for (const [lending, log] of cases) {
      await expect(AppHarness.start({ genesis: { ...t.chain.app.exportGenesis(), lending } }).then((h) => others.push(h))).rejects.toThrow(log);
    }
  });
});
