import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { AppHarness } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { MsgPlaceOrderCodec } from "./codecs.js";
import { defaultMarketGenesis } from "./genesis.js";
import { attributes, freeze, fractionDenom, GENESIS_SECONDS, MARKET_ADDRESS, MarketReader, marketWorld, nftBase, placeOrder, Wallet } from "./test-fixture.js";

const F1 = fractionDenom("f1");

describe("market genesis", () => {
  const chains: AppHarness[] = [];
  const start = async (genesis: Record<string, unknown>) => {
    const chain = await AppHarness.start({ genesis });
    chains.push(chain);
    return chain;
  };
  afterEach(async () => {
    for (const chain of chains.splice(0)) await chain.close();
  });
  const signers = () => Promise.all([1, 2, 3].map((i) => TestSigner.fromSeed(i))) as Promise<[TestSigner, TestSigner, TestSigner]>;

  it("defaults to the documented params and an empty book", () => {
    expect(defaultMarketGenesis()).toEqual({
      params: {
        maker_fee_rate: "0.001000000000000000",
        taker_fee_rate: "0.002000000000000000",
        max_fills_per_order: 50,
        max_expiries_per_block: 100,
        recent_trades_kept: 100,
        trading_requirement: {},
      },
      next_order_id: "1",
      orders: [],
      trades: [],
    });
  });

  it("exports open orders (suspended ones included), trades and the next id, and imports them into a working book", async () => {
    const [a, b, o] = await signers();
    const world = marketWorld({ signers: [a, b], official: o, verified: [a, b], nfts: [{ id: "n1", owner: a }], fractions: [{ id: "f1", holders: [[a, 100n]] }] });
    const chain = await start(world);
    const [alice, bob, official] = [new Wallet(a, 0n), new Wallet(b, 1n), new Wallet(o, 2n)];
    const expiresAt = { seconds: GENESIS_SECONDS + 5n, nanos: 123_456_789 };
    const expiring = MsgPlaceOrderCodec.encode({ owner: b.address, base: F1, side: Side.SIDE_BUY, price: "3", quantity: "7", expiresAt }).finish();
    await chain.block(
      await Promise.all([
        alice.tx(placeOrder(a, { base: F1, side: "sell", price: 10n, quantity: 20n })),
        bob.tx(placeOrder(b, { base: F1, side: "buy", price: 10n, quantity: 5n })),
        alice.tx(placeOrder(a, { base: nftBase("n1"), side: "sell", price: 500n, quantity: 1n })),
        bob.tx({ typeUrl: MsgPlaceOrderCodec.typeUrl, value: expiring }),
        alice.tx(placeOrder(a, { base: F1, side: "sell", price: 5n, quantity: 1n })),
      ]),
    );
    await chain.block([await official.tx(freeze(o, a))]);
    await chain.block([await bob.tx(placeOrder(b, { base: F1, side: "buy", price: 5n, quantity: 1n }))]); // suspends alice's order 5
    const exported = chain.app.exportGenesis();
    const market = exported.market as { next_order_id: string; orders: { id: string; suspended?: boolean; expires_at?: string }[]; trades: unknown[] };
    expect(market.next_order_id).toBe("7");
    expect(market.orders.map((order) => order.id)).toEqual(["1", "3", "4", "5", "6"]);
    expect(market.orders.find((order) => order.id === "5")?.suspended).toBe(true);
    expect(market.orders.find((order) => order.id === "4")?.expires_at).toBe("2023-11-14T22:13:25.123456789Z");
    expect(market.trades).toHaveLength(1);

    const copy = await start(exported);
    await copy.block([]);
    expect(copy.app.exportGenesis().market).toEqual(market);
    const read = new MarketReader(copy.app);
    expect(await read.book(F1, "sell")).toEqual([{ price: "10", quantity: "15", orders: 1 }]);
    expect(await read.book(F1, "buy")).toEqual([
      { price: "5", quantity: "1", orders: 1 },
      { price: "3", quantity: "7", orders: 1 },
    ]);
    expect(await read.balance(MARKET_ADDRESS, F1)).toBe(16n);
    // The expiry index came back too: order 4 expires 0.12 s after block 5's time, so in block 6.
    while (copy.height < 5n) expect(attributes(await copy.block([]), "order_cancelled")).toEqual([]);
    expect(attributes(await copy.block([]), "order_cancelled").map((e) => [e.order_id, e.reason])).toEqual([["4", "expired"]]);
  });

  it("round-trips a trading requirement through export and import", async () => {
    const [a, b, o] = await signers();
    const trading_requirement = { min_kyc_level: 1, jurisdictions: ["DE", "AT"], investor_classes: ["INVESTOR_CLASS_RETAIL", "INVESTOR_CLASS_PROFESSIONAL"], trader: true };
    const params = { maker_fee_rate: "0.003", taker_fee_rate: "0.004", max_fills_per_order: 20, max_expiries_per_block: 30, recent_trades_kept: 40, trading_requirement };
    const world = marketWorld({ signers: [a, b], official: o, verified: [a, b] });
    const chain = await start({ ...world, market: { params } });
    await chain.block([]);
    const exported = chain.app.exportGenesis();
    expect((exported.market as { params: unknown }).params).toEqual({ ...params, maker_fee_rate: "0.003000000000000000", taker_fee_rate: "0.004000000000000000" });
    const copy = await start(exported);
    await copy.block([]);
    expect(copy.app.exportGenesis().market).toEqual(exported.market);
  });

  it("refuses inconsistent state", async () => {
    const [a, b, o] = await signers();
    const world = marketWorld({ signers: [a, b], official: o, verified: [a, b], fractions: [{ id: "f1", holders: [[a, 90n]] }] });
    // The market account holds 10 of the fraction's 100 units.
    (world.assets as { fractions: { units: string }[] }).fractions[0]!.units = "100";
    const balances = (world.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] }).balances;
    const withEscrow = (coins: { denom: string; amount: string }[]) => ({ ...world, bank: { balances: [...balances, { address: MARKET_ADDRESS, coins }] } });
    const funded = withEscrow([{ denom: F1, amount: "10" }, { denom: "uusd", amount: "1010" }]);
    const sell = { id: "1", owner: a.address, base: F1, side: "SIDE_SELL", price: "10", quantity: "10", remaining: "10", escrow: "10" };
    const bid = { id: "2", owner: b.address, base: F1, side: "SIDE_BUY", price: "100", quantity: "10", remaining: "10", escrow: "1010" };
    const trade = (sequence: string) => ({ sequence, base: F1, price: "1", quantity: "1", maker_order_id: "1", taker_order_id: "2", maker: a.address, taker: b.address, taker_side: "SIDE_BUY" });
    const good = { next_order_id: "3", orders: [sell, bid] };
    const params = { maker_fee_rate: "0.001", taker_fee_rate: "0.002", max_fills_per_order: 50, max_expiries_per_block: 100, recent_trades_kept: 2 };
    const copy = await start({ ...funded, market: { ...good, params } });
    await copy.block([]);
    expect((copy.app.exportGenesis().market as { orders: unknown[] }).orders).toHaveLength(2);

    const cases: [string, object, Record<string, unknown>?][] = [
      ["maker_fee_rate must be a decimal in [0, 1)", { params: { ...params, maker_fee_rate: "1" } }],
      ["max_fills_per_order must be from 1 to 1000", { params: { ...params, max_fills_per_order: 0 } }],
      ["recent_trades_kept must be from 1 to 1000", { params: { ...params, recent_trades_kept: 1001 } }],
      ["trading_requirement: jurisdiction DE is listed twice", { params: { ...params, trading_requirement: { jurisdictions: ["DE", "DE"] } } }],
      ['trading_requirement: jurisdiction "de" is not an ISO 3166-1 alpha-2 code', { params: { ...params, trading_requirement: { jurisdictions: ["de"] } } }],
      ["trading_requirement: investor class professional is listed twice", { params: { ...params, trading_requirement: { investor_classes: ["INVESTOR_CLASS_PROFESSIONAL", "INVESTOR_CLASS_PROFESSIONAL"] } } }],
      ["orders escrow 1010uusd but the market account holds 1000uusd", good, withEscrow([{ denom: F1, amount: "10" }, { denom: "uusd", amount: "1000" }])],
      ["order id 1 appears twice", { next_order_id: "3", orders: [sell, { ...sell }] }],
      ["is not below next_order_id 2", { next_order_id: "2", orders: [sell, bid] }],
      ["remaining exceeds quantity", { next_order_id: "3", orders: [{ ...sell, remaining: "11", escrow: "11" }, bid] }],
      ["does not match the 1010 its remaining quantity needs", { next_order_id: "3", orders: [sell, { ...bid, escrow: "1009" }] }],
      ["an NFT order's quantity must be 1", { next_order_id: "3", orders: [sell, { ...bid, base: nftBase("x"), quantity: "2", remaining: "2", escrow: "202" }] }],
      ['invalid address "persistence1bad"', { next_order_id: "3", orders: [{ ...sell, owner: "persistence1bad" }, bid] }],
      ["sequences start at 1 and are unique per base", { ...good, trades: [trade("1"), trade("1")] }],
      ["more than recent_trades_kept (2) trades", { ...good, trades: [trade("1"), trade("2"), trade("3")] }],
    ];
    for (const [message, market, base] of cases) {
      const genesis = { ...(base ?? funded), market: { params, ...market } };
      const dir = mkdtempSync(join(tmpdir(), "market-genesis-"));
      await expect(AppHarness.start({ genesis, dir }), message).rejects.toThrow(message);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
