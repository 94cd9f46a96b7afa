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

  it("reads decimals with up to 18 places and stores them with all 18, so a short form exports canonical", async () => {
    t = await startLendingChain();
    await ok(t.alice.tx(msg.pledge(t.alice, "nft:invoice/n1")));
    await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 1_000_000n)));
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 500_000n, maturity: t.chain.now + 100_000n })));
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    const exported = t.chain.app.exportGenesis();
    const lending = exported.lending as { loans: Record<string, unknown>[]; accumulators: Record<string, unknown>[] };
    expect(lending.loans[0]).toMatchObject({ apr: "0.100000000000000000", rate_per_second: "1.000000003170979199", normalized_debt: "500000.000000000000000000", written_off_fraction: "0.000000000000000000" });
    expect(lending.accumulators[0]).toMatchObject({ rate_per_second: "1.000000003170979199", index: "1.000000000000000000" });

    const short = {
      ...lending,
      loans: [{ ...lending.loans[0], apr: "0.1", normalized_debt: "500000", written_off_fraction: "0" }],
      accumulators: [{ ...lending.accumulators[0], index: "1" }],
    };
    const copy = await AppHarness.start({ genesis: { ...exported, lending: short } });
    others.push(copy);
    const chain = new LendingTestChain(copy);
    chain.now = t.chain.now;
    await chain.block([]);
    expect(copy.app.exportGenesis().lending).toEqual(exported.lending);
  });

  it("refuses a pledge naming a loan that does not name it back, a loan without its accumulator, and decimals in any other form", async () => {
    t = await startLendingChain();
    const base = defaultLendingGenesis() as Record<string, unknown>;
    const owner = t.alice.address;
    const since = "2023-01-01T00:00:00Z";
    const loan = (fields: Record<string, string> = {}) => ({
      id: "1",
      pledge_id: "1",
      borrower: owner,
      lender: owner,
      status: "LOAN_STATUS_DEFAULTED",
      principal: "1",
      apr: "0",
      rate_per_second: "1.000000000000000000",
      normalized_debt: "1",
      outstanding_principal: "1",
      repaid: "0",
      auction_proceeds: "0",
      written_off_fraction: "0.25",
      ...fields,
    });
    const withLoan = (fields: Record<string, string> = {}, accumulators: Record<string, string>[] = [{ rate_per_second: "1", index: "1.5", since }]) => ({ ...base, next_loan_id: "2", loans: [loan(fields)], accumulators });
    const genesis = (lending: Record<string, unknown>) => ({ ...t.chain.app.exportGenesis(), lending });

    // The valid case every refusal below changes one field of.
    const valid = await AppHarness.start({ genesis: genesis(withLoan()) });
    others.push(valid);
    await new LendingTestChain(valid).block([]);
    expect(valid.app.exportGenesis().lending).toMatchObject({
      loans: [{ apr: "0.000000000000000000", rate_per_second: "1.000000000000000000", normalized_debt: "1.000000000000000000", written_off_fraction: "0.250000000000000000" }],
      accumulators: [{ rate_per_second: "1.000000000000000000", index: "1.500000000000000000" }],
    });

    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, next_pledge_id: "2", pledges: [{ id: "1", owner, collateral: "asset/invoice/f1", amount: "1", loan_id: "3" }] }, "loan 3 does not back onto it"],
      [withLoan({}, []), "loan 1: no accumulator for rate 1.000000000000000000"],
      // LegacyDec's bare integer: 10^17 as an APR is far above 10.
      [withLoan({ apr: "100000000000000000" }), 'loan 1: apr must be a decimal from 0.000000000000000000 to 10.000000000000000000 with at most 18 places, e.g. "0.12", got "100000000000000000"'],
      [withLoan({ apr: "0.1", rate_per_second: "1000000003170979199" }), 'loan 1: rate_per_second must be its apr\'s, "1.000000003170979199", got "1000000003170979199"'],
      [withLoan({ normalized_debt: "1.0000000000000000001" }), 'normalized_debt must be a decimal at least 0.000000000000000000 with at most 18 places, e.g. "0.12", got "1.0000000000000000001"'],
      [withLoan({ normalized_debt: "-1" }), 'normalized_debt must be a decimal at least 0.000000000000000000'],
      [withLoan({ written_off_fraction: "1.5" }), 'written_off_fraction must be a decimal from 0.000000000000000000 to 1.000000000000000000 with at most 18 places, e.g. "0.12", got "1.5"'],
      [withLoan({ written_off_fraction: "" }), 'written_off_fraction must be a decimal from 0.000000000000000000 to 1.000000000000000000 with at most 18 places, e.g. "0.12", got ""'],
      [withLoan({ repaid: "0.5" }), 'loan 1: repaid must be a whole number of uusd, got "0.5"'],
      [withLoan({}, [{ rate_per_second: "1", index: "0.9", since }]), 'accumulator "1": index must be a decimal at least 1.000000000000000000'],
      [withLoan({}, [{ rate_per_second: "1000000003170979199", index: "1", since }]), 'accumulator "1000000003170979199": rate_per_second must be a decimal from 1.000000000000000000 to 1.000000317097919838'],
      [withLoan({}, [{ rate_per_second: "1", index: "1", since }, { rate_per_second: "1.000000000000000000", index: "1", since }]), "accumulator 1.000000000000000000 given twice"],
    ];
    for (const [lending, log] of cases) {
      await expect(AppHarness.start({ genesis: genesis(lending) }).then((h) => others.push(h))).rejects.toThrow(log);
    }
  });
});
