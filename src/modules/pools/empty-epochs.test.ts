import { afterEach, describe, expect, it } from "vitest";
import { OrderState } from "../../generated/persistence/pools/v1/query.js";
import { attributes, fundedPool, poolMsg, SENIOR, startPoolsChain, type PoolsChain } from "./test-fixture.js";

describe("pools: an epoch in which nothing can execute", () => {
  let t: PoolsChain;
  afterEach(() => t.chain.close());

  it("reopens without a record, so closing empty epochs over and over cannot lock an investor's order", async () => {
    t = await startPoolsChain({ extraGenesis: { pools: { params: { max_settle_epochs: 1 } } } });
    // Junior at exactly its 20% minimum: no senior investment can execute while the senior accrues.
    await fundedPool(t, 400_000_000n, 100_000_000n);
    await t.ok(t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, 50_000_000n)));
    const before = (await t.pool()).pool!;
    for (let i = 0; i < 3; i++) {
      t.chain.advance(10n);
      const closed = await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
      expect(attributes({ events: closed.events }, "pool_epoch_executed")).toEqual([]);
      expect(attributes({ events: closed.events }, "pool_epoch_reopened")[0]).toMatchObject({ pool_id: "1", epoch: "2" });
    }
    const after = (await t.pool()).pool!;
    expect([after.epoch, after.seniorValue, after.seniorSince]).toEqual([before.epoch, before.seniorValue, before.seniorSince]);
    expect((await t.orders(t.bob)).map((o) => [o.order!.invest, o.state])).toEqual([["50000000", OrderState.ORDER_STATE_OPEN]]);
    // The order is settled: bob may still lower it (code 9 before, after one epoch per touch).
    await t.ok(t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, 0n)));
  });
});
