import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OrderState } from "../../generated/persistence/pools/v1/query.js";
import { attributes, fundedPool, JUNIOR, lendingMsg, poolMsg, POOLS_ADDRESS, SENIOR, startPoolsChain, TERMS, YEAR, type PoolsChain } from "./test-fixture.js";

describe("pools: refusals and bounds", () => {
  let t: PoolsChain;
  beforeEach(async () => {
    t = await startPoolsChain();
  });
  afterEach(() => t.chain.close());

  /** The pools state and every uusd and tranche balance. */
  const snapshot = () => {
    const g = t.chain.app.exportGenesis();
    const balances = (g.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] }).balances.map((b) => ({ address: b.address, coins: b.coins.filter((c) => c.denom !== "uxprt") }));
    return { pools: g.pools, lending: g.lending, balances };
  };
  /** Runs `txs` in one block; the last must fail with `code` and a log containing `log`, changing nothing the others did not. */
  const refused = async (txs: Promise<Uint8Array>[], code: number, log: string) => {
    const before = txs.length === 1 ? snapshot() : undefined;
    const result = await t.chain.block(await Promise.all(txs));
    const r = result.txResults.at(-1)!;
    expect([r.codespace, r.code], r.log).toEqual(["pools", code]);
    expect(r.log).toContain(log);
    if (before) expect(snapshot()).toEqual(before);
    return result;
  };

  it("refuses investors without the pool's claims, and bad terms", async () => {
    await t.ok(t.valuer.tx(poolMsg.create(t.valuer)));
    await refused([t.official.tx(poolMsg.invest(t.official, 1n, SENIOR, 1_000n))], 5, `investor ${t.official.address} in pool 1`);
    await refused([t.official.tx(poolMsg.redeem(t.official, 1n, JUNIOR, 1n))], 5, "in pool 1");
    await refused([t.bob.tx(poolMsg.invest(t.bob, 9n, SENIOR, 1_000n))], 3, "no pool 9");
    const bad = await t.chain.block([await t.valuer.tx(poolMsg.create(t.valuer, { ...TERMS, minJuniorRatio: "0.6" }))]);
    expect(bad.txResults[0]!.log).toContain("exceeds max_junior_ratio");
    t.valuer.rollback();
  });

  it("locks orders while the epoch executes, and epochs younger than the minimum", async () => {
    await t.ok(t.valuer.tx(poolMsg.create(t.valuer)));
    await t.ok(t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, 800n)), t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 200n)));
    await refused([t.alice.tx(poolMsg.close(t.alice, 1n))], 7, "may close from");
    t.chain.advance(10n);
    const locked = await refused([t.alice.tx(poolMsg.close(t.alice, 1n)), t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, 5_000n))], 6, "executing in this block");
    expect(attributes({ events: locked.events }, "pool_epoch_executed")[0]).toMatchObject({ senior_invested: "800", junior_invested: "200" });
    expect((await t.orders(t.bob)).map((o) => [o.order!.invest, o.order!.claimableTokens, o.state])).toEqual([["0", "800", OrderState.ORDER_STATE_EXECUTED]]);
    await refused([t.alice.tx(poolMsg.close(t.alice, 1n))], 7, "may close from");
    await refused([t.carol.tx(poolMsg.claim(t.carol, 1n, SENIOR))], 2, "has no order");
  });

  it("executes only what keeps the junior ratio within bounds, rolling the rest over", async () => {
    await t.ok(t.valuer.tx(poolMsg.create(t.valuer)));
    await t.ok(t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 300_000n)));
    t.chain.advance(10n);
    // The junior alone would be 100% of the pool, above the 50% maximum: nothing executes, the epoch reopens.
    const alone = await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
    expect(attributes({ events: alone.events }, "pool_epoch_executed")).toEqual([]);
    expect(attributes({ events: alone.events }, "pool_epoch_reopened")[0]).toMatchObject({ epoch: "1" });
    expect((await t.orders(t.carol)).map((o) => [o.order!.invest, o.state])).toEqual([["300000", OrderState.ORDER_STATE_OPEN]]);
    // With 100,000 of senior the junior may reach 100,000 (50%); the other 200,000 roll over.
    await t.ok(t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, 100_000n)));
    t.chain.advance(10n);
    const limited = await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
    expect(attributes({ events: limited.events }, "pool_epoch_executed")[0]).toMatchObject({ junior_invested: "100000", senior_invested: "100000" });
    const [carol] = await t.orders(t.carol);
    expect([carol!.order!.invest, carol!.order!.claimableTokens, carol!.state]).toEqual(["200000", "100000", OrderState.ORDER_STATE_PARTLY_EXECUTED]);
    // Lowering the rolled-over order returns the difference; claiming leaves the rest open.
    const carol0 = await t.chain.balance(t.carol.address, "uusd");
    await t.ok(t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 50_000n)), t.carol.tx(poolMsg.claim(t.carol, 1n, JUNIOR)));
    expect(await t.chain.balance(t.carol.address, "uusd")).toBe(carol0 + 150_000n);
    expect(await t.chain.balance(t.carol.address, "pool/1/junior")).toBe(100_000n);
    expect((await t.orders(t.carol)).map((o) => [o.order!.invest, o.state])).toEqual([["50000", OrderState.ORDER_STATE_PARTLY_EXECUTED]]);
  });

  it("finances loans only for the originator and within the reserve; stray transfers change no pool", async () => {
    await fundedPool(t, 400_000n, 100_000n);
    await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, "nft:invoice/n1")));
    await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, 10_000_000n)));
    await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal: 600_000n, maturity: t.chain.now + YEAR })));
    await refused([t.bob.tx(poolMsg.finance(t.bob, 1n, 1n))], 4, `pool 1 belongs to ${t.valuer.address}`);
    await refused([t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n))], 8, "reserve holds 500000uusd");
    await refused([t.valuer.tx(poolMsg.finance(t.valuer, 1n, 7n))], 12, "loan 7 is not an open request");
    const before = await t.pool();
    const send = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode({ fromAddress: t.bob.address, toAddress: POOLS_ADDRESS, amount: [{ denom: "uusd", amount: "12345" }] }).finish() };
    await t.chain.block([await t.bob.tx(send)]);
    expect(await t.pool()).toEqual(before);
  });
});
