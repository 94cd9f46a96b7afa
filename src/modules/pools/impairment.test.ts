import { afterEach, describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { LendingTestChain } from "../lending/test-fixture.js";
import { attributes, fractionDenom, fundedPool, lendingMsg, placeOrder, poolMsg, startPoolsChain, type PoolsChain } from "./test-fixture.js";

const F1 = fractionDenom("f1");
const PRINCIPAL = 300_000_000n;

describe("pools: an impaired loan", () => {
  let t: PoolsChain;
  const others: AppHarness[] = [];
  afterEach(async () => {
    await t.chain.close();
    for (const h of others.splice(0)) await h.close();
  });

  const endEvents = (result: Awaited<ReturnType<PoolsChain["ok"]>>, type: string) => attributes({ events: result.events }, type);
  const assets = async () => {
    const view = await t.pool();
    return BigInt(view.nav) + BigInt(view.pool!.reserve);
  };
  const poolsGenesis = () => t.chain.app.exportGenesis().pools as { loans: Record<string, unknown>[]; buckets: unknown[]; pools: Record<string, unknown>[] };

  /** The pool finances PRINCIPAL on alice's 100 units of f1 (or other collateral) appraised at `appraised` (10 s bullet, 5 s grace), re-appraised at `reappraised`; returns the loan's face and the impairing block. */
  const impair = async (appraised: bigint, reappraised?: bigint, collateral: [string, bigint] = [F1, 100n]) => {
    await fundedPool(t, 400_000_000n, 200_000_000n);
    await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, ...collateral)));
    await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, appraised)));
    const maturity = t.chain.now + 10n;
    await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal: PRINCIPAL, maturity, grace: 5n })));
    await t.ok(t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n)));
    if (reappraised !== undefined) await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, reappraised)));
    const face = BigInt((await t.chain.loan(1n)).loan!.cashflows[0]!.amount);
    t.chain.advance(maturity + 5n - t.chain.now - 2n);
    await t.ok();
    // Due but within grace: still performing, its cashflow in a bucket (at the end of its day, discounted until then).
    const performing = BigInt((await t.pool()).nav);
    expect(performing).toBeLessThan(face);
    expect(poolsGenesis().buckets).toHaveLength(1);
    const impaired = await t.ok();
    return { face, performing, impaired };
  };

  it("leaves the buckets at impairment and counts at the collateral it can rely on, which recoveries and write-offs then move", async () => {
    t = await startPoolsChain();
    // Appraised 600 at first, 250 by the time it defaults: lending would lend ⌊250 × 0.8⌋ = 200 against it now.
    const { face, impaired } = await impair(600_000_000n, 250_000_000n);
    const cap = 200_000_000n;
    expect(face).toBeGreaterThan(cap);
    const debt = endEvents(impaired, "loan_impaired")[0]!.debt!;
    expect(endEvents(impaired, "pool_loan_impaired")[0]).toEqual({ pool_id: "1", loan_id: "1", debt, collateral_value: cap.toString(), value: cap.toString() });
    expect((await t.pool()).nav).toBe(cap.toString());
    const record = poolsGenesis();
    expect(record.buckets ?? []).toEqual([]);
    expect(record.loans[0]).toMatchObject({ impaired: true, collateral_value: cap.toString(), written_off_value: cap.toString(), write_off_fraction: "0.000000000000000000" });
    expect(record.pools[0]!.written_off_value).toBe(cap.toString());

    // Carol buys 40 units at the reserve: the proceeds move from the loan's value to the reserve, no more, no less.
    const perUnit = BigInt(endEvents(impaired, "auction_started")[0]!.price!.replace("uusd", ""));
    const before = await assets();
    const bought = await t.ok(t.carol.tx(placeOrder(t.carol.signer, { base: F1, side: "buy", price: perUnit, quantity: 40n })));
    const proceeds = perUnit * 40n;
    expect(attributes(bought.txResults[0]!, "pool_loan_payment")[0]).toMatchObject({ kind: "recovery" });
    expect((await t.pool()).nav).toBe((cap - proceeds).toString());
    expect(await assets()).toBe(before);

    // The auction expires: the pool takes the 60 units left, the first write-off step halves the value.
    t.chain.advance(100n);
    const expired = await t.ok();
    expect(endEvents(expired, "pool_loan_written_off")[0]).toMatchObject({ fraction: "0.500000000000000000", closed: "false" });
    expect((await t.pool()).nav).toBe(((cap - proceeds) / 2n).toString());
  });

  it("counts a well-collateralised loan at its outstanding face, and a full recovery closes it without creating value", async () => {
    t = await startPoolsChain();
    const { face, performing, impaired } = await impair(600_000_000n);
    // Valued as the bucket did, a second later: never above its face.
    const value = BigInt(endEvents(impaired, "pool_loan_impaired")[0]!.value!);
    expect(endEvents(impaired, "pool_loan_impaired")[0]).toMatchObject({ collateral_value: "480000000" });
    expect(value >= performing && value <= face).toBe(true);
    expect((await t.pool()).nav).toBe(value.toString());
    const before = await assets();
    const perUnit = BigInt(endEvents(impaired, "auction_started")[0]!.price!.replace("uusd", ""));
    const bought = await t.ok(t.carol.tx(placeOrder(t.carol.signer, { base: F1, side: "buy", price: perUnit, quantity: 100n })));
    const payment = attributes(bought.txResults[0]!, "pool_loan_payment")[0]!;
    const recovered = BigInt(payment.principal!) + BigInt(payment.interest!);
    const view = await t.pool();
    expect([view.nav, view.pool!.writtenOffValue, poolsGenesis().loans ?? []]).toEqual(["0", "0", []]);
    // The whole debt (interest since the due time included) replaced the value the NAV counted.
    expect(recovered).toBeGreaterThanOrEqual(face);
    expect(await assets()).toBe(before - value + recovered);
  });

  it("round-trips an impaired loan through genesis and refuses a genesis whose loans and NAV ledger disagree", async () => {
    t = await startPoolsChain();
    // The invoice itself (lending's genesis cannot yet take fraction units on auction: they sit with the market).
    await impair(600_000_000n, 250_000_000n, ["nft:invoice/n1", 1n]);
    const exported = t.chain.app.exportGenesis();
    const copy = await AppHarness.start({ genesis: exported });
    others.push(copy);
    const chain = new LendingTestChain(copy);
    chain.now = t.chain.now;
    await chain.block([]);
    expect(copy.app.exportGenesis().pools).toEqual(exported.pools);

    const pools = exported.pools as { loans: Record<string, unknown>[]; pools: Record<string, unknown>[]; buckets: unknown[] };
    const cases: [object, string][] = [
      [{ ...pools, loans: [{ ...pools.loans[0], written_off_value: "250000000" }] }, "written_off_value 250000000, at most 200000000"],
      [{ ...pools, loans: [{ ...pools.loans[0], impaired: false }] }, "impaired must be true"],
      [{ ...pools, pools: [{ ...pools.pools[0], written_off_value: "1" }] }, "but its loans count 200000000"],
      [{ ...pools, buckets: [{ pool_id: "1", due: "2030-01-01T00:00:00Z", amount: "5" }] }, "not the 0uusd its loans' outstanding cashflows sum to"],
      [{ ...pools, loans: [{ ...pools.loans[0], loan_id: "7" }] }, "lending has no running loan 7"],
    ];
    for (const [bad, log] of cases) {
      await expect(AppHarness.start({ genesis: { ...exported, pools: bad } }).then((h) => others.push(h))).rejects.toThrow(log);
    }
  });
});
