import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { AppHarness } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { MsgPlaceOrderCodec } from "./codecs.js";
import {
  attributes,
  FEE_COLLECTOR_ADDRESS,
  fractionDenom,
  GENESIS_SECONDS,
  MARKET_ADDRESS,
  MarketReader,
  marketWorld,
  nftBase,
  placeOrder,
  placeOrderResponse as response,
  Wallet,
  type WorldOptions,
} from "./test-fixture.js";

const F1 = fractionDenom("f1");
const NFT = nftBase("n1");

describe("placing orders", () => {
  let signers: TestSigner[];
  let alice: Wallet, bob: Wallet, carol: Wallet, dave: Wallet;
  let chain: AppHarness;
  let read: MarketReader;

  const start = async (extra: Partial<WorldOptions> = {}, market?: unknown) => {
    const [a, b, c, d, official] = signers as [TestSigner, TestSigner, TestSigner, TestSigner, TestSigner];
    const world = marketWorld({
      signers: [a, b, c, d],
      official,
      verified: [a, b, c],
      nfts: [{ id: "n1", owner: a }],
      fractions: [{ id: "f1", holders: [[a, 100n], [c, 100n]] }],
      ...extra,
    });
    chain = await AppHarness.start({ genesis: market ? { ...world, market } : world });
    read = new MarketReader(chain.app);
    [alice, bob, carol, dave] = [a, b, c, d].map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet, Wallet, Wallet];
  };
  const run = async (wallet: Wallet, order: Parameters<typeof placeOrder>[1]) => {
    const result = (await chain.block([await wallet.tx(placeOrder(wallet.signer, order))])).txResults[0]!;
    expect(result.code, result.log).toBe(0);
    return result;
  };

  beforeEach(async () => {
    signers = await Promise.all([1, 2, 3, 4, 5].map((i) => TestSigner.fromSeed(i)));
  });
  afterEach(() => chain.close());

  it("rests a sell with its base in escrow, indexed by price and owner", async () => {
    await start();
    const result = await run(alice, { base: F1, side: "sell", price: 100n, quantity: 40n });
    expect(response(result)).toEqual({ orderId: 1n, filledQuantity: "0", restingQuantity: "40" });
    expect(attributes(result, "order_placed")).toEqual([
      { order_id: "1", owner: alice.address, base: F1, side: "sell", price: "100", quantity: "40", escrow: `40${F1}`, expires_at: "" },
    ]);
    expect(await read.balance(alice.address, F1)).toBe(60n);
    expect(await read.balance(MARKET_ADDRESS, F1)).toBe(40n);
    expect(await read.order(1n)).toEqual({
      id: 1n,
      owner: alice.address,
      base: F1,
      side: Side.SIDE_SELL,
      price: "100",
      quantity: "40",
      remaining: "40",
      escrow: "40",
      expiresAt: undefined,
      placedAt: { seconds: GENESIS_SECONDS + 1n, nanos: 0 },
      suspended: false,
    });
    expect(await read.book(F1, "sell")).toEqual([{ price: "100", quantity: "40", orders: 1 }]);
    expect(await read.book(F1, "buy")).toEqual([]);
  });

  it("fills the best price first, then the earlier order, at the makers' prices, and rests the rest", async () => {
    await start();
    await run(alice, { base: F1, side: "sell", price: 100n, quantity: 10n }); // 1
    await run(carol, { base: F1, side: "sell", price: 99n, quantity: 10n }); // 2: better price, later
    await run(carol, { base: F1, side: "sell", price: 100n, quantity: 10n }); // 3: same price as 1, later
    await run(alice, { base: F1, side: "sell", price: 101n, quantity: 10n }); // 4
    const uusd = async (w: Wallet) => read.balance(w.address, "uusd");
    const before = { alice: await uusd(alice), bob: await uusd(bob), carol: await uusd(carol) };

    const result = await run(bob, { base: F1, side: "buy", price: 100n, quantity: 25n });
    expect(response(result)).toEqual({ orderId: 5n, filledQuantity: "25", restingQuantity: "0" });
    // Fees: 0.1% maker, 0.2% taker of each fill's notional, rounded up.
    expect(attributes(result, "trade").map((t) => [t.maker_order_id, t.price, t.quantity, t.maker_fee, t.taker_fee, t.maker_remaining])).toEqual([
      ["2", "99", "10", "1uusd", "2uusd", "0"],
      ["1", "100", "10", "1uusd", "2uusd", "0"],
      ["3", "100", "5", "1uusd", "1uusd", "5"],
    ]);
    expect(attributes(result, "trade")[0]).toMatchObject({ base: F1, sequence: "1", taker_order_id: "5", maker: carol.address, taker: bob.address, taker_side: "buy", taker_remaining: "15" });
    expect(await read.balance(bob.address, F1)).toBe(25n);
    // bob escrowed 25 × (100 + ceil(100 × 0.002)) = 2525 and paid 990 + 1000 + 500 + fees 5: the rest came back.
    expect(await uusd(bob)).toBe(before.bob - 2495n);
    expect(await uusd(carol)).toBe(before.carol + 989n + 499n);
    expect(await uusd(alice)).toBe(before.alice + 999n);
    expect(await read.balance(FEE_COLLECTOR_ADDRESS, "uusd")).toBe(8n);
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(0n);
    expect(await read.balance(MARKET_ADDRESS, F1)).toBe(15n);
    expect(await read.book(F1, "sell")).toEqual([
      { price: "100", quantity: "5", orders: 1 },
      { price: "101", quantity: "10", orders: 1 },
    ]);
    expect(await read.order(1n)).toBeUndefined();
    expect((await read.order(3n))?.remaining).toBe("5");

    const second = await run(bob, { base: F1, side: "buy", price: 101n, quantity: 20n });
    expect(response(second)).toEqual({ orderId: 6n, filledQuantity: "15", restingQuantity: "5" });
    expect(await read.book(F1, "sell")).toEqual([]);
    expect(await read.book(F1, "buy")).toEqual([{ price: "101", quantity: "5", orders: 1 }]);
    // The resting 5 keep exactly their escrow: 5 × (101 + ceil(101 × 0.002)).
    expect(await read.order(6n)).toMatchObject({ remaining: "5", escrow: "510" });
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(510n);
    expect((await read.trades(F1)).map((t) => [t.sequence, t.makerOrderId, t.quantity])).toEqual([
      [5n, 4n, "10"],
      [4n, 3n, "5"],
      [3n, 3n, "5"],
      [2n, 1n, "10"],
      [1n, 2n, "10"],
    ]);
  });

  it("sells a whole NFT: escrowed with assets, delivered to the best bid at the resting price", async () => {
    await start();
    await run(bob, { base: NFT, side: "buy", price: 4_000_000n, quantity: 1n }); // 1
    await run(alice, { base: NFT, side: "sell", price: 5_000_000n, quantity: 1n }); // 2: does not cross 4.0
    const owner = () => (chain.app.exportGenesis().assets as { assets: { id: string; owner: string }[] }).assets.find((a) => a.id === "n1")!.owner;
    expect(owner()).toBe(MARKET_ADDRESS);
    const carolBefore = await read.balance(carol.address, "uusd");
    const aliceBefore = await read.balance(alice.address, "uusd");

    const result = await run(carol, { base: NFT, side: "buy", price: 6_000_000n, quantity: 1n });
    expect(response(result)).toEqual({ orderId: 3n, filledQuantity: "1", restingQuantity: "0" });
    expect(owner()).toBe(carol.address);
    expect(await read.balance(carol.address, "uusd")).toBe(carolBefore - 5_000_000n - 10_000n);
    expect(await read.balance(alice.address, "uusd")).toBe(aliceBefore + 5_000_000n - 5_000n);
    // Only bob's bid is left, escrowing 4,000,000 plus the worst-case fee 8,000.
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(4_008_000n);
    expect(await read.book(NFT, "buy")).toEqual([{ price: "4000000", quantity: "1", orders: 1 }]);
    expect(await read.book(NFT, "sell")).toEqual([]);
  });

  it("touches at most max_fills_per_order resting orders; the rest rests on the book", async () => {
    const params = { maker_fee_rate: "0", taker_fee_rate: "0", max_fills_per_order: 2, max_expiries_per_block: 10, recent_trades_kept: 10 };
    await start({}, { params });
    for (let i = 0; i < 3; i++) await run(alice, { base: F1, side: "sell", price: 10n, quantity: 1n });
    const result = await run(bob, { base: F1, side: "buy", price: 10n, quantity: 3n });
    expect(response(result)).toEqual({ orderId: 4n, filledQuantity: "2", restingQuantity: "1" });
    expect(attributes(result, "trade")).toHaveLength(2);
    expect(await read.book(F1, "sell")).toEqual([{ price: "10", quantity: "1", orders: 1 }]);
    expect(await read.book(F1, "buy")).toEqual([{ price: "10", quantity: "1", orders: 1 }]);
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(10n);
  });

  it("refuses an order of an account that meets the asset's holder requirement but not the market's trading requirement", async () => {
    const trading_requirement = { trader: true };
    const params = { maker_fee_rate: "0.001", taker_fee_rate: "0.002", max_fills_per_order: 50, max_expiries_per_block: 100, recent_trades_kept: 100, trading_requirement };
    // bob is attested at KYC level 1 (invoices' holder requirement), but not as a trader.
    await start({ nonTraders: [signers[1]!] }, { params });
    await run(alice, { base: F1, side: "sell", price: 100n, quantity: 10n });
    const bobUusd = await read.balance(bob.address, "uusd");

    const refused = (await chain.block([await bob.tx(placeOrder(bob.signer, { base: F1, side: "buy", price: 100n, quantity: 5n }))])).txResults[0]!;
    expect([refused.codespace, refused.code]).toEqual(["market", 6]);
    expect(refused.log).toContain(`${bob.address} may not trade ${F1}: market trading requirement: `);
    expect(refused.log).toContain("trader");
    expect(await read.balance(bob.address, "uusd")).toBe(bobUusd);
    expect(await read.book(F1, "buy")).toEqual([]);
    expect(await read.book(F1, "sell")).toEqual([{ price: "100", quantity: "10", orders: 1 }]);

    // The asset's holder requirement is still checked first: dave holds no attestation at all.
    const unverified = (await chain.block([await dave.tx(placeOrder(dave.signer, { base: F1, side: "buy", price: 100n, quantity: 5n }))])).txResults[0]!;
    expect([unverified.codespace, unverified.code]).toEqual(["market", 6]);
    expect(unverified.log).toContain(`${dave.address} may not trade ${F1}`);
    expect(unverified.log).not.toContain("market trading requirement");

    // carol, a trader, trades.
    const filled = await run(carol, { base: F1, side: "buy", price: 100n, quantity: 5n });
    expect(response(filled)).toMatchObject({ filledQuantity: "5", restingQuantity: "0" });
  });

  it("refuses invalid orders with registered codes and changes nothing", async () => {
    await start();
    await run(alice, { base: F1, side: "sell", price: 100n, quantity: 10n });
    const snapshot = () => {
      const state = chain.app.exportGenesis() as { market: unknown; assets: unknown; bank: { balances: { address: string; coins: { denom: string }[] }[] } };
      const balances = state.bank.balances.map((b) => ({ ...b, coins: b.coins.filter((c) => c.denom !== "uxprt") }));
      return { market: state.market, assets: state.assets, balances };
    };
    const before = snapshot();
    const raw = (wallet: Wallet, fields: Record<string, unknown>) =>
      wallet.tx({
        typeUrl: MsgPlaceOrderCodec.typeUrl,
        value: MsgPlaceOrderCodec.encode(MsgPlaceOrderCodec.fromPartial({ owner: wallet.address, base: F1, side: Side.SIDE_BUY, price: "1", quantity: "1", ...fields })).finish(),
      });
    const now = GENESIS_SECONDS + chain.height + 1n;
    const stateless: [string, Wallet, Record<string, unknown>, string, number][] = [
      ["owner is not an address", bob, { owner: "persistence1nope" }, "sdk", 7],
      ["the quote as base", bob, { base: "uusd" }, "market", 2],
      ["malformed NFT base", bob, { base: "nft:invoice" }, "market", 2],
      ["invalid denom", bob, { base: "not a denom" }, "market", 2],
      ["no side", bob, { side: Side.SIDE_UNSPECIFIED }, "market", 2],
      ["zero price", bob, { price: "0" }, "market", 2],
      ["fractional price", bob, { price: "1.5" }, "market", 2],
      ["quantity of 2^128", bob, { quantity: (2n ** 128n).toString() }, "market", 2],
      ["NFT quantity 2", bob, { base: NFT, quantity: "2" }, "market", 2],
      ["expiry out of range", bob, { expiresAt: { seconds: -1n, nanos: 0 } }, "market", 2],
    ];
    for (const [name, wallet, fields, codespace, code] of stateless) {
      const tx = await raw(wallet, fields);
      wallet.rollback();
      const result = (await chain.block([tx])).txResults[0]!;
      expect([result.codespace, result.code], `${name}: ${result.log}`).toEqual([codespace, code]);
    }
    const stateful: [string, Wallet, Record<string, unknown>, string, number, string][] = [
      ["expiry not after the block time", bob, { expiresAt: { seconds: now, nanos: 0 } }, "market", 5, "is not after the block time"],
      ["unknown fraction", bob, { base: fractionDenom("nope") }, "assets", 0, "unknown asset"],
      ["a fractionalized NFT", bob, { base: nftBase("f1") }, "assets", 0, "split into fractions"],
      ["an unverified account", dave, {}, "market", 6, `${dave.address} may not trade ${F1}`],
      ["a buy beyond the balance", bob, { price: "10000000000", quantity: "1" }, "sdk", 5, "insufficient funds"],
      ["a sell beyond the holding", carol, { side: Side.SIDE_SELL, quantity: "101" }, "sdk", 5, "insufficient funds"],
      ["an NFT of someone else", bob, { base: NFT, side: Side.SIDE_SELL }, "assets", 0, "does not own"],
    ];
    for (const [name, wallet, fields, codespace, code, log] of stateful) {
      const result = (await chain.block([await raw(wallet, fields)])).txResults[0]!;
      expect(result.codespace, `${name}: ${result.log}`).toBe(codespace);
      if (code) expect(result.code, name).toBe(code);
      expect(result.code, name).toBeGreaterThan(1);
      expect(result.log, name).toContain(log);
    }
    expect(snapshot()).toEqual(before);
  });
});
