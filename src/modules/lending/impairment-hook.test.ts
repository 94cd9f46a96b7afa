import { afterEach, describe, expect, it } from "vitest";
import { fundedPool, poolMsg, startPoolsChain, type PoolsChain } from "../pools/test-fixture.js";
import { attributes, fractionDenom, msg } from "./test-fixture.js";

const F1 = fractionDenom("f1");

describe("lending: the afterImpairment hook", () => {
  let t: PoolsChain;
  afterEach(() => t.chain.close());

  /** alice pledges 100 units of f1, appraised at 600 then 250, and asks 300 for 10 s with 5 s grace; `fund` funds it. */
  const defaultedLoan = async (fund: () => Promise<unknown>) => {
    await t.ok(t.alice.tx(msg.pledge(t.alice, F1, 100n)));
    await t.ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 600_000_000n)));
    const maturity = t.chain.now + 10n;
    await t.ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 300_000_000n, maturity, grace: 5n })));
    await fund();
    await t.ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 250_000_000n)));
    t.chain.advance(maturity + 5n - t.chain.now - 1n);
    return t.ok();
  };

  it("tells the lender's module of the debt and the latest appraisal × advance rate, before the auction is placed", async () => {
    t = await startPoolsChain();
    await fundedPool(t, 400_000_000n, 200_000_000n);
    const impaired = await defaultedLoan(() => t.ok(t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n))));
    const types = impaired.events.map((e) => e.type);
    expect(types.indexOf("pool_loan_impaired")).toBeGreaterThan(types.indexOf("loan_impaired"));
    expect(types.indexOf("pool_loan_impaired")).toBeLessThan(types.indexOf("auction_started"));
    const debt = attributes({ events: impaired.events }, "loan_impaired")[0]!.debt;
    expect(attributes({ events: impaired.events }, "pool_loan_impaired")[0]).toMatchObject({ loan_id: "1", debt, collateral_value: "200000000" });
  });

  it("is ignored by pools for a loan another lender funded", async () => {
    t = await startPoolsChain();
    const impaired = await defaultedLoan(() => t.ok(t.bob.tx(msg.fund(t.bob, 1n))));
    expect(attributes({ events: impaired.events }, "loan_impaired")).toHaveLength(1);
    expect(attributes({ events: impaired.events }, "pool_loan_impaired")).toEqual([]);
  });
});
