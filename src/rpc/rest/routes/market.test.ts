import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fractionDenom, GENESIS_SECONDS, marketWorld, nftBase, placeOrder, Wallet } from "../../../modules/market/test-fixture.js";
import { AppHarness } from "../../../testing/app-harness.js";
import { TestSigner } from "../../../testing/signer.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";

const F1 = fractionDenom("f1");
const NFT = nftBase("n1");

/** The REST API over a real App: queries go to its ABCI query; nothing else is used here. */
function appNode(chain: AppHarness): RestNode {
  const unused = () => {
    throw new Error("not used by the market routes");
  };
  return { abciQuery: (request) => chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

describe("market REST routes", () => {
  let chain: AppHarness;
  let server: RestServer;
  let alice: string;
  let bob: string;

  const get = async (path: string) => {
    const response = await fetch(`${server.address}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const [a, b, o] = (await Promise.all([1, 2, 3].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner];
    [alice, bob] = [a.address, b.address];
    chain = await AppHarness.start({ genesis: marketWorld({ signers: [a, b], official: o, verified: [a, b], nfts: [{ id: "n1", owner: a }], fractions: [{ id: "f1", holders: [[a, 50n]] }] }) });
    const [wa, wb] = [new Wallet(a, 0n), new Wallet(b, 1n)];
    await chain.block(
      await Promise.all([
        wa.tx(placeOrder(a, { base: F1, side: "sell", price: 1_500_000n, quantity: 10n, expiresAt: GENESIS_SECONDS + 100n })),
        wa.tx(placeOrder(a, { base: NFT, side: "sell", price: 9_000_000n, quantity: 1n })),
        wb.tx(placeOrder(b, { base: F1, side: "buy", price: 1_500_000n, quantity: 4n })),
        wb.tx(placeOrder(b, { base: F1, side: "buy", price: 1_000_000n, quantity: 2n })),
      ]),
    );
    server = await startRestServer({ node: appNode(chain), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await chain.close();
  });

  it("serves params and one order in the gateway's JSON", async () => {
    expect(await get("/persistence/market/v1/params")).toEqual({
      status: 200,
      json: {
        params: {
          maker_fee_rate: "0.001000000000000000",
          taker_fee_rate: "0.002000000000000000",
          max_fills_per_order: 50,
          max_expiries_per_block: 100,
          recent_trades_kept: 100,
          trading_requirement: { min_kyc_level: 0, jurisdictions: [], investor_classes: [], trader: false },
        },
      },
    });
    expect(await get("/persistence/market/v1/orders/1")).toEqual({
      status: 200,
      json: {
        order: {
          id: "1",
          owner: alice,
          base: F1,
          side: "SIDE_SELL",
          price: "1500000",
          quantity: "10",
          remaining: "6",
          escrow: "6",
          expires_at: "2023-11-14T22:15:00Z",
          placed_at: "2023-11-14T22:13:21Z",
          suspended: false,
        },
      },
    });
    expect(await get("/persistence/market/v1/orders/3")).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("no open order 3") } });
    expect((await get("/persistence/market/v1/orders/x")).status).toBe(400);
  });

  it("serves a book side whose base is the rest of the path, with side and limit from the query", async () => {
    expect(await get(`/persistence/market/v1/order_book/${F1}?side=SIDE_SELL`)).toEqual({ status: 200, json: { levels: [{ price: "1500000", quantity: "6", order_count: "1" }] } });
    expect((await get(`/persistence/market/v1/order_book/${NFT}?side=SIDE_SELL`)).json).toEqual({ levels: [{ price: "9000000", quantity: "1", order_count: "1" }] });
    expect((await get(`/persistence/market/v1/order_book/${F1}?side=1&limit=1`)).json).toEqual({ levels: [{ price: "1000000", quantity: "2", order_count: "1" }] });
    expect(await get(`/persistence/market/v1/order_book/${F1}`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/persistence/market/v1/order_book/${F1}?side=SIDE_UP`)).toMatchObject({ status: 400, json: { code: 3 } });
    expect(await get(`/persistence/market/v1/order_book/${F1}?side=SIDE_BUY&limit=4294967296`)).toMatchObject({ status: 400, json: { code: 3 } });
  });

  it("pages an owner's orders and lists recent trades", async () => {
    const page = await get(`/persistence/market/v1/orders_by_owner/${alice}?pagination.limit=1&pagination.count_total=true`);
    expect(page.status).toBe(200);
    expect((page.json.orders as { id: string }[]).map((o) => o.id)).toEqual(["1"]);
    expect(page.json.pagination).toEqual({ next_key: Buffer.from([0, 0, 0, 0, 0, 0, 0, 2]).toString("base64"), total: "2" });
    const nextKey = (page.json.pagination as { next_key: string }).next_key;
    const next = await get(`/persistence/market/v1/orders_by_owner/${alice}?pagination.key=${encodeURIComponent(nextKey)}`);
    expect((next.json.orders as { id: string }[]).map((o) => o.id)).toEqual(["2"]);
    expect((await get(`/persistence/market/v1/orders_by_owner/persistence1bad`)).status).toBe(400);

    expect(await get(`/persistence/market/v1/recent_trades/${F1}`)).toEqual({
      status: 200,
      json: {
        trades: [
          {
            sequence: "1",
            base: F1,
            price: "1500000",
            quantity: "4",
            maker_order_id: "1",
            taker_order_id: "3",
            maker: alice,
            taker: bob,
            taker_side: "SIDE_BUY",
            maker_fee: "6000",
            taker_fee: "12000",
            height: "1",
            time: "2023-11-14T22:13:21Z",
          },
        ],
      },
    });
  });
});
