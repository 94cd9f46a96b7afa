import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  QueryOrderBookRequest,
  QueryOrderBookResponse,
  QueryOrderRequest,
  QueryOrderResponse,
  QueryOrdersByOwnerRequest,
  QueryOrdersByOwnerResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryRecentTradesRequest,
  QueryRecentTradesResponse,
} from "../../generated/persistence/market/v1/query.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { AppHarness } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { ask, fractionDenom, MarketReader, marketWorld, placeOrder, Wallet } from "./test-fixture.js";

const F1 = fractionDenom("f1");
// The fixture attests its verified accounts at KYC level 1 in DE as traders: they meet this trading requirement.
const TRADING = { min_kyc_level: 1, jurisdictions: ["DE"], trader: true };
const PARAMS = { maker_fee_rate: "0.0015", taker_fee_rate: "0.0025", max_fills_per_order: 5, max_expiries_per_block: 7, recent_trades_kept: 3, trading_requirement: TRADING };

describe("market queries", () => {
  let chain: AppHarness;
  let read: MarketReader;
  let alice: Wallet, bob: Wallet;

  beforeAll(async () => {
    const [a, b, o] = (await Promise.all([1, 2, 3].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner];
    const world = marketWorld({ signers: [a, b], official: o, verified: [a, b], fractions: [{ id: "f1", holders: [[a, 1000n]] }] });
    chain = await AppHarness.start({ genesis: { ...world, market: { params: PARAMS } } });
    read = new MarketReader(chain.app);
    [alice, bob] = [new Wallet(a, 0n), new Wallet(b, 1n)];
    const order = (w: Wallet, side: "buy" | "sell", price: bigint, quantity: bigint) => w.tx(placeOrder(w.signer, { base: F1, side, price, quantity }));
    // Asks 1-5 at 10, 11, 11, 12, 13; bids 6-8 at 5, 7, 7; then five 1-unit trades against ask 1.
    await chain.block(
      await Promise.all([
        order(alice, "sell", 10n, 5n),
        order(alice, "sell", 11n, 1n),
        order(alice, "sell", 11n, 2n),
        order(alice, "sell", 12n, 1n),
        order(alice, "sell", 13n, 1n),
        order(bob, "buy", 5n, 1n),
        order(bob, "buy", 7n, 2n),
        order(bob, "buy", 7n, 3n),
      ]),
    );
    await chain.block(await Promise.all([1, 2, 3, 4, 5].map(() => order(bob, "buy", 10n, 1n))));
  });
  afterAll(() => chain.close());

  it("Params", async () => {
    expect(await ask(chain.app, "Params", QueryParamsRequest, {}, QueryParamsResponse)).toEqual({
      params: {
        makerFeeRate: "0.001500000000000000",
        takerFeeRate: "0.002500000000000000",
        maxFillsPerOrder: 5,
        maxExpiriesPerBlock: 7,
        recentTradesKept: 3,
        tradingRequirement: { minKycLevel: 1, jurisdictions: ["DE"], investorClasses: [], trader: true },
      },
    });
  });

  it("Order, and NotFound for an order that is not open", async () => {
    expect((await read.order(2n))?.price).toBe("11");
    expect(await ask(chain.app, "Order", QueryOrderRequest, { id: 1n }, QueryOrderResponse)).toEqual({
      code: 3,
      log: "rpc error: code = NotFound desc = no open order 1: order not found",
    });
  });

  it("OrderBook: levels best first with their totals, limited; bad requests refused", async () => {
    expect(await read.book(F1, "sell")).toEqual([
      { price: "11", quantity: "3", orders: 2 },
      { price: "12", quantity: "1", orders: 1 },
      { price: "13", quantity: "1", orders: 1 },
    ]);
    expect(await read.book(F1, "buy")).toEqual([
      { price: "7", quantity: "5", orders: 2 },
      { price: "5", quantity: "1", orders: 1 },
    ]);
    expect(await read.book(F1, "sell", 2)).toHaveLength(2);
    expect(await read.book(fractionDenom("none"), "sell")).toEqual([]);
    expect(await ask(chain.app, "OrderBook", QueryOrderBookRequest, { base: F1, side: Side.SIDE_UNSPECIFIED }, QueryOrderBookResponse)).toMatchObject({ code: 18 });
    expect(await ask(chain.app, "OrderBook", QueryOrderBookRequest, { base: "uusd", side: Side.SIDE_BUY }, QueryOrderBookResponse)).toMatchObject({ code: 2 });
  });

  it("OrdersByOwner pages through an owner's open orders by id", async () => {
    const page = (pagination: object) => ask(chain.app, "OrdersByOwner", QueryOrdersByOwnerRequest, { owner: alice.address, pagination }, QueryOrdersByOwnerResponse);
    const first = (await page({ limit: 3n, countTotal: true })) as QueryOrdersByOwnerResponse;
    expect(first.orders.map((o) => o.id)).toEqual([2n, 3n, 4n]);
    expect(first.pagination!.total).toBe(4n);
    const second = (await page({ key: first.pagination!.nextKey, limit: 3n })) as QueryOrdersByOwnerResponse;
    expect(second.orders.map((o) => o.id)).toEqual([5n]);
    expect(second.pagination!.nextKey).toHaveLength(0);
    expect(((await page({ offset: 1n, limit: 1n, reverse: true })) as QueryOrdersByOwnerResponse).orders.map((o) => o.id)).toEqual([4n]);
    const bobs = (await ask(chain.app, "OrdersByOwner", QueryOrdersByOwnerRequest, { owner: bob.address }, QueryOrdersByOwnerResponse)) as QueryOrdersByOwnerResponse;
    expect(bobs.orders.map((o) => [o.id, o.side])).toEqual([
      [6n, Side.SIDE_BUY],
      [7n, Side.SIDE_BUY],
      [8n, Side.SIDE_BUY],
    ]);
    expect(await ask(chain.app, "OrdersByOwner", QueryOrdersByOwnerRequest, { owner: "persistence1bad" }, QueryOrdersByOwnerResponse)).toMatchObject({ code: 7 });
  });

  it("RecentTrades: the last recent_trades_kept trades of a base, newest first", async () => {
    const trades = await read.trades(F1);
    expect(trades.map((t) => [t.sequence, t.takerOrderId, t.makerOrderId, t.price, t.quantity])).toEqual([
      [5n, 13n, 1n, "10", "1"],
      [4n, 12n, 1n, "10", "1"],
      [3n, 11n, 1n, "10", "1"],
    ]);
    expect(trades[0]).toMatchObject({ base: F1, maker: alice.address, taker: bob.address, takerSide: Side.SIDE_BUY, makerFee: "1", takerFee: "1", height: 2n });
    expect((chain.app.exportGenesis().market as { trades: unknown[] }).trades).toHaveLength(3);
    expect(await read.trades(fractionDenom("none"))).toEqual([]);
    expect(await ask(chain.app, "RecentTrades", QueryRecentTradesRequest, { base: "" }, QueryRecentTradesResponse)).toMatchObject({ code: 2 });
  });
});
