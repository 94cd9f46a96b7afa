import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundedPool, JUNIOR, poolMsg, POOLS_ADDRESS, startPoolsChain, type PoolsChain } from "../../../modules/pools/test-fixture.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

/** The REST API over a real App: queries go to its ABCI query; nothing else is used here. */
function appNode(t: PoolsChain): RestNode {
  const unused = () => {
    throw new Error("not used by the pools routes");
  };
  return { abciQuery: (request) => t.chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

describe("pools REST routes", () => {
  let t: PoolsChain;
  let server: RestServer;

  const get = async (path: string) => {
    const answer = await fetch(`${server.address}${path}`);
    return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startPoolsChain();
    // Pool 1: bob's 400 senior and carol's 100 junior executed in epoch 1; carol then orders 7 more junior.
    await fundedPool(t, 400_000_000n, 100_000_000n);
    await t.ok(t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 7_000_000n)));
    server = await startRestServer({ node: appNode(t), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await t?.chain.close();
  });

  it("serves params, a pool with its live figures, and the pools list", async () => {
    expect(await get("/persistence/pools/v1/params")).toEqual({
      status: 200,
      json: { params: { originator_requirement: { min_kyc_level: 0, jurisdictions: [], investor_classes: [], trader: false }, max_settle_epochs: 100 } },
    });
    const { status, json } = await get("/persistence/pools/v1/pools/1");
    expect(status).toBe(200);
    const view = json.pool as Record<string, unknown>;
    expect(view).toMatchObject({ nav: "0", senior_denom: "pool/1/senior", junior_denom: "pool/1/junior" });
    expect(view.pool).toMatchObject({ id: "1", originator: t.valuer.address, senior_apr: "0.050000000000000000", reserve: "500000000", epoch: "2", epoch_state: "EPOCH_STATE_OPEN", junior_orders: { invest: "7000000", redeem: "0" } });
    expect(BigInt(view.senior_value as string) + BigInt(view.junior_value as string)).toBe(500_000_000n);
    expect(view.senior_price).toMatch(/^1\.0000\d{14}$/);
    const list = await get("/persistence/pools/v1/pools?pagination.count_total=true");
    expect((list.json.pools as unknown[]).length).toBe(1);
    expect(list.json.pagination).toEqual({ next_key: null, total: "1" });
  });

  it("serves an investor's orders with their states and an executed epoch", async () => {
    expect(await get(`/persistence/pools/v1/pools/1/orders/${t.carol.address}`)).toEqual({
      status: 200,
      json: {
        orders: [
          {
            order: { pool_id: "1", tranche: "TRANCHE_JUNIOR", investor: t.carol.address, invest: "7000000", redeem: "0", epoch: "2", claimable_tokens: "0", claimable_uusd: "0", partly_executed: false },
            state: "ORDER_STATE_OPEN",
          },
        ],
      },
    });
    const epoch = await get("/persistence/pools/v1/pools/1/epochs/1");
    expect(epoch.status).toBe(200);
    expect((epoch.json.result as Record<string, unknown>).senior).toMatchObject({ invest_ordered: "400000000", invested: "400000000", minted: "400000000", price: "1.000000000000000000" });
    expect((await get("/persistence/pools/v1/pools/1/epochs/9")).status).toBe(404);
    expect((await get(`/persistence/pools/v1/pools/2/orders/${POOLS_ADDRESS}`)).status).toBe(404);
  });
});
