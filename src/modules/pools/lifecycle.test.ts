import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MsgClaimResponse, MsgCreatePoolResponse } from "../../generated/persistence/pools/v1/tx.js";
import { OrderState } from "../../generated/persistence/pools/v1/query.js";
import { MsgRepayResponse } from "../../generated/persistence/lending/v1/tx.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { accrue, discount, ratePerSecondFromApr } from "../lending/interest.js";
import { seniorGrowth } from "./nav.js";
import { attributes, JUNIOR, lendingMsg, poolMsg, POOLS_ADDRESS, response, SENIOR, startPoolsChain, YEAR, type PoolsChain } from "./test-fixture.js";

const SENIOR_RATE = ratePerSecondFromApr(parseDecimal("0.05")!);
const LOAN_RATE = ratePerSecondFromApr(parseDecimal("0.1")!);

describe("pools: invest, finance, repay, redeem", () => {
  let t: PoolsChain;
  beforeEach(async () => {
    t = await startPoolsChain();
  });
  afterEach(() => t.chain.close());

  it("runs a pool from investment through a repaid loan to redemption at higher token prices", async () => {
    const created = await t.ok(t.valuer.tx(poolMsg.create(t.valuer)));
    expect(response(created.txResults[0]!, MsgCreatePoolResponse).poolId).toBe(1n);
    expect(attributes(created.txResults[0]!, "pool_created")).toEqual([{ pool_id: "1", originator: t.valuer.address, senior_denom: "pool/1/senior", junior_denom: "pool/1/junior" }]);

    const bob0 = await t.chain.balance(t.bob.address, "uusd");
    const carol0 = await t.chain.balance(t.carol.address, "uusd");
    await t.ok(t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, 400_000_000n)), t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 200_000_000n)));
    expect(await t.chain.balance(POOLS_ADDRESS, "uusd")).toBe(600_000_000n);
    expect((await t.orders(t.bob)).map((o) => [o.order!.invest, o.state])).toEqual([["400000000", OrderState.ORDER_STATE_OPEN]]);

    t.chain.advance(10n);
    const closed = await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
    const seniorSince = t.chain.now;
    const executed = attributes({ events: closed.events }, "pool_epoch_executed")[0]!;
    expect(executed).toMatchObject({ pool_id: "1", epoch: "1", senior_invested: "400000000", junior_invested: "200000000", senior_price: formatDecimal(ONE), junior_price: formatDecimal(ONE) });
    expect((await t.orders(t.bob)).map((o) => [o.order!.claimableTokens, o.state])).toEqual([["400000000", OrderState.ORDER_STATE_EXECUTED]]);
    const claimed = await t.ok(t.bob.tx(poolMsg.claim(t.bob, 1n, SENIOR)), t.carol.tx(poolMsg.claim(t.carol, 1n, JUNIOR)));
    expect(response(claimed.txResults[0]!, MsgClaimResponse)).toEqual({ tokens: "400000000", uusd: "0" });
    expect(await t.chain.balance(t.bob.address, "pool/1/senior")).toBe(400_000_000n);
    expect(await t.chain.balance(t.carol.address, "pool/1/junior")).toBe(200_000_000n);

    // alice borrows 500 uusd at 10% for a year against invoice n1; the pool finances it.
    await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, "nft:invoice/n1")));
    await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, 1_000_000_000n)));
    await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal: 500_000_000n, maturity: t.chain.now + YEAR + 2n })));
    const financed = await t.ok(t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n)));
    const fundedAt = t.chain.now;
    expect(attributes(financed.txResults[0]!, "pool_loan_financed")).toEqual([{ pool_id: "1", loan_id: "1", principal: "500000000", reserve: "100000000" }]);
    expect(attributes(financed.txResults[0]!, "loan_funded")[0]).toMatchObject({ lender: POOLS_ADDRESS });
    const view = await t.pool();
    expect(view.pool!.reserve).toBe("100000000");
    // NAV: the bullet (500 uusd grown at 10% for the term) discounted at 10% from the end of its due day.
    const due = fundedAt + YEAR; // maturity was set one block before funding
    const bullet = accrue(500_000_000n, LOAN_RATE, due - fundedAt);
    const bucket = ((due + 86_399n) / 86_400n) * 86_400n;
    expect(BigInt(view.nav)).toBe(discount(bullet, LOAN_RATE, bucket - t.chain.now));
    expect(BigInt(view.nav)).toBeLessThan(500_000_000n);
    expect(BigInt(view.nav)).toBeGreaterThan(499_800_000n);

    // Half a year later alice repays everything; the reserve takes principal and interest.
    t.chain.advance(YEAR / 2n);
    const repaid = await t.ok(t.alice.tx(lendingMsg.repay(t.alice, 1n, 900_000_000n)));
    const paid = response(repaid.txResults[0]!, MsgRepayResponse);
    const debt = BigInt(paid.interest) + BigInt(paid.principal);
    expect(debt).toBe(accrue(500_000_000n, LOAN_RATE, t.chain.now - fundedAt));
    expect(attributes(repaid.txResults[0]!, "pool_loan_payment")[0]).toMatchObject({ pool_id: "1", loan_id: "1", kind: "repayment", interest: paid.interest });
    expect((await t.pool()).pool!.reserve).toBe((100_000_000n + debt).toString());
    expect((await t.pool()).nav).toBe("0");

    // Both redeem everything; the next epoch pays the senior its 5% and the junior the rest.
    await t.ok(t.bob.tx(poolMsg.redeem(t.bob, 1n, SENIOR, 400_000_000n)), t.carol.tx(poolMsg.redeem(t.carol, 1n, JUNIOR, 200_000_000n)));
    t.chain.advance(10n);
    const final = await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
    const seniorValue = seniorGrowth(400_000_000n, SENIOR_RATE, t.chain.now - seniorSince);
    const juniorValue = 100_000_000n + debt - seniorValue;
    const result = attributes({ events: final.events }, "pool_epoch_executed")[0]!;
    expect(result).toMatchObject({
      senior_price: formatDecimal((seniorValue * ONE) / 400_000_000n),
      junior_price: formatDecimal((juniorValue * ONE) / 200_000_000n),
      senior_redeemed: "400000000",
      junior_redeemed: "200000000",
      reserve: "0",
    });
    // Independently: 5% a year compounded per second for ~half a year, and the junior's levered return.
    const years = Number(t.chain.now - seniorSince) / Number(YEAR);
    expect(Math.abs(Number(seniorValue) - 400_000_000 * Math.exp(0.05 * years))).toBeLessThan(10);
    expect(Number(juniorValue) / 200_000_000).toBeGreaterThan(1.07);
    await t.ok(t.bob.tx(poolMsg.claim(t.bob, 1n, SENIOR)), t.carol.tx(poolMsg.claim(t.carol, 1n, JUNIOR)));
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0 + seniorValue - 400_000_000n);
    expect(await t.chain.balance(t.carol.address, "uusd")).toBe(carol0 + juniorValue - 200_000_000n);
    expect(await t.chain.balance(t.bob.address, "pool/1/senior")).toBe(0n);
    expect(await t.chain.balance(POOLS_ADDRESS, "uusd")).toBe(0n);
    expect(await t.orders(t.bob)).toEqual([]);
  });
});
