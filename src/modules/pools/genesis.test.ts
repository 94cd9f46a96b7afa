import { afterEach, describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { LendingTestChain } from "../lending/test-fixture.js";
import { defaultPoolsGenesis } from "./genesis.js";
import { fundedPool, JUNIOR, lendingMsg, poolMsg, SENIOR, startPoolsChain, YEAR, type PoolsChain } from "./test-fixture.js";

describe("pools genesis", () => {
  let t: PoolsChain;
  const others: AppHarness[] = [];
  afterEach(async () => {
    await t.chain.close();
    for (const h of others.splice(0)) await h.close();
  });

  it("round-trips pools, open and executed orders, epochs, loans and buckets, and the copy keeps settling", async () => {
    t = await startPoolsChain();
    await fundedPool(t, 400_000n, 100_000n);
    await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, "nft:invoice/n1")));
    await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, 10_000_000n)));
    await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal: 300_000n, maturity: t.chain.now + YEAR, periodSeconds: YEAR / 12n })));
    await t.ok(t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n)), t.bob.tx(poolMsg.redeem(t.bob, 1n, SENIOR, 100_000n)), t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 5_000n)));
    const exported = t.chain.app.exportGenesis();
    const pools = exported.pools as Record<string, unknown[]>;
    expect([pools.pools!.length, pools.orders!.length, pools.epochs!.length, pools.loans!.length, pools.buckets!.length]).toEqual([1, 2, 1, 1, 12]);

    const copy = await AppHarness.start({ genesis: exported });
    others.push(copy);
    const chain = new LendingTestChain(copy);
    chain.now = t.chain.now;
    await chain.block([]);
    expect(copy.app.exportGenesis().pools).toEqual(exported.pools);
    chain.advance(10n);
    const closed = await chain.block([await t.alice.tx(poolMsg.close(t.alice, 1n))]);
    expect(closed.txResults[0]!.code, closed.txResults[0]!.log).toBe(0);
    expect(closed.events.some((e) => e.type === "pool_epoch_executed")).toBe(true);
  });

  it("refuses records of unknown pools and orders missing the epochs they must settle", async () => {
    t = await startPoolsChain();
    await fundedPool(t, 400_000n, 100_000n);
    const base = t.chain.app.exportGenesis();
    const valid = base.pools as Record<string, unknown[]>;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...(defaultPoolsGenesis() as object), buckets: [{ pool_id: "4", due: "2030-01-01T00:00:00Z", amount: "5" }] }, "unknown pool"],
      [{ ...valid, epochs: [], orders: [{ pool_id: "1", tranche: "TRANCHE_SENIOR", investor: t.bob.address, invest: "5", redeem: "0", epoch: "1", claimable_tokens: "0", claimable_uusd: "0" }] }, "needs executed epoch 1"],
      [{ ...valid, next_pool_id: "1" }, "not below next_pool_id"],
      [{ ...valid, pools: (valid.pools as { reserve: string }[]).map((p) => ({ ...p, reserve: "900000" })) }, "the pools account holds 500000uusd"],
    ];
    for (const [pools, log] of cases) {
      await expect(AppHarness.start({ genesis: { ...base, pools } }).then((h) => others.push(h))).rejects.toThrow(log);
    }
  });
});
