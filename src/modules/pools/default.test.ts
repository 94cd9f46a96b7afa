import { afterEach, describe, expect, it } from "vitest";
import { LoanStatus } from "../../generated/persistence/lending/v1/types.js";
import { OrderState } from "../../generated/persistence/pools/v1/query.js";
import { parseDecimal } from "../../types/decimal.js";
import { ratePerSecondFromApr } from "../lending/interest.js";
import { seniorGrowth } from "./nav.js";
import { attributes, DAY, fractionDenom, fundedPool, JUNIOR, lendingMsg, placeOrder, poolMsg, POOLS_ADDRESS, SENIOR, startPoolsChain, type PoolsChain } from "./test-fixture.js";

const F1 = fractionDenom("f1");
const SENIOR_RATE = ratePerSecondFromApr(parseDecimal("0.05")!);

describe("pools: a defaulted loan's loss", () => {
  let t: PoolsChain;
  afterEach(() => t.chain.close());

  const endEvents = (result: Awaited<ReturnType<PoolsChain["ok"]>>, type: string) => attributes({ events: result.events }, type);

  /**
   * The pool finances `principal` against alice's 100 units of f1 (10 s bullet, 5 s grace); it
   * defaults, carol buys `sold` units at the auction's reserve, the rest expires to the pool, and
   * the write-off schedule takes it to zero. Returns the auction's proceeds.
   */
  const defaultStory = async (principal: bigint, sold: bigint) => {
    await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, F1, 100n)));
    await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, 2n * principal)));
    const maturity = t.chain.now + 10n;
    await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal, maturity, grace: 5n })));
    await t.ok(t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n)));
    t.chain.advance(maturity + 5n - t.chain.now - 1n);
    const impaired = await t.ok();
    const perUnit = BigInt(endEvents(impaired, "auction_started")[0]!.price!.replace("uusd", ""));
    const bought = await t.ok(t.carol.tx(placeOrder(t.carol.signer, { base: F1, side: "buy", price: perUnit, quantity: sold })));
    const proceeds = perUnit * sold;
    expect(attributes(bought.txResults[0]!, "pool_loan_payment")[0]).toMatchObject({ pool_id: "1", loan_id: "1", kind: "recovery" });
    t.chain.advance(100n);
    const expired = await t.ok();
    expect(endEvents(expired, "pool_loan_written_off")[0]).toMatchObject({ pool_id: "1", loan_id: "1", fraction: "0.500000000000000000", closed: "false" });
    expect(await t.chain.balance(POOLS_ADDRESS, F1)).toBe(100n - sold);
    const half = await t.pool();
    t.chain.advance(2n * DAY);
    const written = await t.ok();
    expect(endEvents(written, "pool_loan_written_off")[0]).toMatchObject({ fraction: "1.000000000000000000", closed: "true" });
    expect((await t.chain.loan(1n)).loan!.status).toBe(LoanStatus.LOAN_STATUS_WRITTEN_OFF);
    return { proceeds, half };
  };

  it("lets the junior absorb a loss smaller than its value while the senior stays whole", async () => {
    t = await startPoolsChain();
    const since = await fundedPool(t, 400_000_000n, 200_000_000n);
    const { proceeds, half } = await defaultStory(300_000_000n, 50n);
    // Half written off: the NAV counts half the outstanding face.
    expect(BigInt(half.nav)).toBeGreaterThan(0n);
    const view = await t.pool();
    const reserve = 300_000_000n + proceeds;
    expect(view.nav).toBe("0");
    expect(view.pool!.reserve).toBe(reserve.toString());
    const senior = seniorGrowth(400_000_000n, SENIOR_RATE, t.chain.now - since);
    expect(view.seniorValue).toBe(senior.toString());
    expect(view.juniorValue).toBe((reserve - senior).toString());
    expect(reserve - senior).toBeLessThan(200_000_000n);

    await t.ok(t.bob.tx(poolMsg.redeem(t.bob, 1n, SENIOR, 400_000_000n)), t.carol.tx(poolMsg.redeem(t.carol, 1n, JUNIOR, 200_000_000n)));
    t.chain.advance(10n);
    const bob0 = await t.chain.balance(t.bob.address, "uusd");
    await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
    const seniorAtClose = seniorGrowth(400_000_000n, SENIOR_RATE, t.chain.now - since);
    await t.ok(t.bob.tx(poolMsg.claim(t.bob, 1n, SENIOR)));
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0 + seniorAtClose);
  });

  it("hits the senior only once the loss exceeds the junior, which is wiped out and redeems nothing", async () => {
    t = await startPoolsChain();
    const since = await fundedPool(t, 400_000_000n, 200_000_000n);
    const { proceeds } = await defaultStory(500_000_000n, 10n);
    const view = await t.pool();
    const reserve = 100_000_000n + proceeds;
    expect(seniorGrowth(400_000_000n, SENIOR_RATE, t.chain.now - since)).toBeGreaterThan(reserve);
    expect([view.seniorValue, view.juniorValue, view.juniorPrice]).toEqual([reserve.toString(), "0", "0.000000000000000000"]);

    await t.ok(t.bob.tx(poolMsg.redeem(t.bob, 1n, SENIOR, 400_000_000n)), t.carol.tx(poolMsg.redeem(t.carol, 1n, JUNIOR, 200_000_000n)));
    t.chain.advance(10n);
    const closed = await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
    expect(endEvents(closed, "pool_epoch_executed")[0]).toMatchObject({ senior_redeemed: "400000000", junior_redeemed: "0", reserve: "0" });
    const bob0 = await t.chain.balance(t.bob.address, "uusd");
    await t.ok(t.bob.tx(poolMsg.claim(t.bob, 1n, SENIOR)));
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0 + reserve);
    expect((await t.orders(t.carol)).map((o) => [o.order!.redeem, o.state])).toEqual([["200000000", OrderState.ORDER_STATE_OPEN]]);
  });
});
