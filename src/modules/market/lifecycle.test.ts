import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import {
  attest,
  attributes,
  cancelOrder,
  fractionDenom,
  freeze,
  GENESIS_SECONDS,
  MARKET_ADDRESS,
  MarketReader,
  marketWorld,
  nftBase,
  placeOrder,
  placeOrderResponse,
  unfreeze,
  Wallet,
} from "./test-fixture.js";

const F1 = fractionDenom("f1");
const NFT = nftBase("n1");
const PARAMS = { maker_fee_rate: "0.001", taker_fee_rate: "0.002", max_fills_per_order: 10, max_expiries_per_block: 2, recent_trades_kept: 10 };

describe("cancelling, expiring and compliance at match time", () => {
  let alice: Wallet, bob: Wallet, carol: Wallet, official: Wallet;
  let chain: AppHarness;
  let read: MarketReader;

  const start = async (params: Partial<typeof PARAMS> & { trading_requirement?: object } = {}) => {
    const [a, b, c, o] = (await Promise.all([1, 2, 3, 4].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner, TestSigner];
    const world = marketWorld({ signers: [a, b, c], official: o, verified: [a, b, c], nfts: [{ id: "n1", owner: a }], fractions: [{ id: "f1", holders: [[a, 100n]] }] });
    chain = await AppHarness.start({ genesis: { ...world, market: { params: { ...PARAMS, ...params } } } });
    read = new MarketReader(chain.app);
    [alice, bob, carol, official] = [a, b, c, o].map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet, Wallet, Wallet];
  };
  beforeEach(() => start());
  afterEach(() => chain.close());

  /** Runs one block of txs, each of which must succeed. */
  const block = async (...txs: Promise<Uint8Array>[]) => {
    const result = await chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
    return result;
  };
  const sell = (w: Wallet, base: string, price: bigint, quantity: bigint, expiresAt?: bigint) =>
    w.tx(placeOrder(w.signer, { base, side: "sell", price, quantity, ...(expiresAt ? { expiresAt } : {}) }));
  const buy = (w: Wallet, base: string, price: bigint, quantity: bigint, expiresAt?: bigint) =>
    w.tx(placeOrder(w.signer, { base, side: "buy", price, quantity, ...(expiresAt ? { expiresAt } : {}) }));
  const nftOwner = () => (chain.app.exportGenesis().assets as { assets: { id: string; owner: string }[] }).assets.find((a) => a.id === "n1")!.owner;

  it("cancels an owner's orders, refunding exactly their escrow: fractions, uusd and the NFT", async () => {
    await block(sell(alice, F1, 100n, 10n), buy(bob, F1, 90n, 5n), sell(alice, NFT, 1_000n, 1n));
    const uusd = await read.balance(bob.address, "uusd");
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(5n * (90n + 1n));
    expect(nftOwner()).toBe(MARKET_ADDRESS);

    const result = await block(alice.tx(cancelOrder(alice.signer, 1n)), bob.tx(cancelOrder(bob.signer, 2n)), alice.tx(cancelOrder(alice.signer, 3n)));
    expect(result.txResults.flatMap((r) => attributes(r, "order_cancelled"))).toEqual([
      { order_id: "1", owner: alice.address, base: F1, side: "sell", remaining: "10", refund: `10${F1}`, reason: "cancelled" },
      { order_id: "2", owner: bob.address, base: F1, side: "buy", remaining: "5", refund: "455uusd", reason: "cancelled" },
      { order_id: "3", owner: alice.address, base: NFT, side: "sell", remaining: "1", refund: `1${NFT}`, reason: "cancelled" },
    ]);
    expect(await read.balance(alice.address, F1)).toBe(100n);
    expect(await read.balance(bob.address, "uusd")).toBe(uusd + 455n);
    expect(nftOwner()).toBe(alice.address);
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(0n);
    expect(await read.balance(MARKET_ADDRESS, F1)).toBe(0n);
    expect(await read.book(F1, "sell")).toEqual([]);
    expect(await read.book(F1, "buy")).toEqual([]);
    for (const id of [1n, 2n, 3n]) expect(await read.order(id)).toBeUndefined();
  });

  it("refuses to cancel another owner's order, an unknown order or order 0, changing nothing", async () => {
    await block(sell(alice, F1, 100n, 10n));
    const before = chain.app.exportGenesis().market;
    const cases: [Promise<Uint8Array>, string, number, string][] = [
      [carol.tx(cancelOrder(carol.signer, 1n)), "market", 4, `order 1 belongs to ${alice.address}`],
      [carol.tx(cancelOrder(carol.signer, 9n)), "market", 3, "no open order 9"],
    ];
    for (const [tx, codespace, code, log] of cases) {
      const result = (await chain.block([await tx])).txResults[0]!;
      expect([result.codespace, result.code]).toEqual([codespace, code]);
      expect(result.log).toContain(log);
    }
    const zero = await carol.tx(cancelOrder(carol.signer, 0n));
    carol.rollback();
    expect((await chain.block([zero])).txResults[0]).toMatchObject({ codespace: "sdk", code: 18 });
    expect(chain.app.exportGenesis().market).toEqual(before);
  });

  it("expires orders in EndBlock, at most max_expiries_per_block per block, refunding their owners", async () => {
    // Block h has time GENESIS_SECONDS + h; these expire at block 3's time.
    const at = GENESIS_SECONDS + 3n;
    await block(sell(alice, F1, 100n, 10n, at), buy(bob, F1, 90n, 1n, at), sell(alice, F1, 101n, 5n, at), sell(alice, F1, 102n, 1n));
    await block();
    expect(await read.book(F1, "sell")).toHaveLength(3);

    const third = await block();
    expect(attributes(third, "order_cancelled").map((e) => [e.order_id, e.reason, e.refund])).toEqual([
      ["1", "expired", `10${F1}`],
      ["2", "expired", "91uusd"],
    ]);
    expect(third.events.filter((e) => e.type === "order_cancelled").every((e) => e.attributes.some((a) => a.key === "mode" && a.value === "EndBlock"))).toBe(true);
    const fourth = await block();
    expect(attributes(fourth, "order_cancelled").map((e) => [e.order_id, e.reason])).toEqual([["3", "expired"]]);
    expect(attributes(await block(), "order_cancelled")).toEqual([]);
    expect(await read.book(F1, "sell")).toEqual([{ price: "102", quantity: "1", orders: 1 }]);
    expect(await read.balance(alice.address, F1)).toBe(99n);
    expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(0n);
  });

  it("cancels, rather than fills, an expired maker met while matching", async () => {
    await block(sell(alice, F1, 100n, 10n, GENESIS_SECONDS + 2n));
    const result = (await block(buy(bob, F1, 100n, 4n))).txResults[0]!;
    expect(attributes(result, "order_cancelled").map((e) => [e.order_id, e.reason])).toEqual([["1", "expired"]]);
    expect(attributes(result, "trade")).toEqual([]);
    expect(placeOrderResponse(result)).toEqual({ orderId: 2n, filledQuantity: "0", restingQuantity: "4" });
    expect(await read.balance(alice.address, F1)).toBe(100n);
  });

  it("cancels a maker that no longer passes compliance and refunds it", async () => {
    await block(buy(bob, F1, 100n, 10n));
    const uusd = await read.balance(bob.address, "uusd");
    await block(official.tx(freeze(official.signer, bob.signer)));
    const result = (await block(sell(alice, F1, 100n, 10n))).txResults[0]!;
    const [cancelled] = attributes(result, "order_cancelled");
    expect(cancelled).toMatchObject({ order_id: "1", owner: bob.address, reason: "not_compliant", refund: "1010uusd" });
    expect(cancelled!.detail).toContain("frozen");
    expect(placeOrderResponse(result)).toEqual({ orderId: 2n, filledQuantity: "0", restingQuantity: "10" });
    expect(await read.balance(bob.address, "uusd")).toBe(uusd + 1010n);
    expect(await read.book(F1, "buy")).toEqual([]);
  });

  it("cancels a maker that no longer meets the market's trading requirement, though it still meets the asset's", async () => {
    await chain.close();
    await start({ trading_requirement: { trader: true } });
    await block(buy(bob, F1, 100n, 10n), buy(carol, F1, 99n, 10n));
    const uusd = await read.balance(bob.address, "uusd");
    // The provider re-attests bob at the same KYC level (invoices' holder requirement), no longer as a trader.
    await block(official.tx(attest(official.signer, bob.signer, false)));
    const result = (await block(sell(alice, F1, 99n, 10n))).txResults[0]!;
    const [cancelled] = attributes(result, "order_cancelled");
    expect(cancelled).toMatchObject({ order_id: "1", owner: bob.address, reason: "not_compliant", refund: "1010uusd" });
    expect(cancelled!.detail).toMatch(/^market trading requirement: .*trader/);
    expect(attributes(result, "trade").map((t) => [t.maker_order_id, t.price, t.quantity])).toEqual([["2", "99", "10"]]);
    expect(await read.balance(bob.address, "uusd")).toBe(uusd + 1010n);
    expect(await read.order(1n)).toBeUndefined();
    expect(await read.book(F1, "buy")).toEqual([]);
  });

  it("counts cancelled makers (expired, non-compliant) against the fill budget", async () => {
    await chain.close();
    await start({ max_fills_per_order: 2 });
    // 1 expires at block 3's time, 2 belongs to an account frozen before block 3, 3 is good.
    await block(buy(bob, F1, 100n, 1n, GENESIS_SECONDS + 3n), buy(carol, F1, 100n, 1n), buy(bob, F1, 100n, 1n));
    await block(official.tx(freeze(official.signer, carol.signer)));
    const result = (await block(sell(alice, F1, 100n, 1n))).txResults[0]!;
    expect(attributes(result, "order_cancelled").map((e) => [e.order_id, e.reason])).toEqual([
      ["1", "expired"],
      ["2", "not_compliant"],
    ]);
    expect(placeOrderResponse(result)).toEqual({ orderId: 4n, filledQuantity: "0", restingQuantity: "1" });
    expect(await read.book(F1, "buy")).toEqual([{ price: "100", quantity: "1", orders: 1 }]);
    expect(await read.book(F1, "sell")).toEqual([{ price: "100", quantity: "1", orders: 1 }]);
  });

  it("refuses a frozen account's new order: an AML hold stops even its fee", async () => {
    await block(official.tx(freeze(official.signer, bob.signer)));
    const result = (await chain.block([await buy(bob, F1, 100n, 1n)])).txResults[0]!;
    expect([result.codespace, result.code]).toEqual(["identity", 16]);
    expect(result.log).toContain(`${bob.address} (AML hold): account frozen`);
    expect(await read.book(F1, "buy")).toEqual([]);
  });

  it("suspends a frozen seller's order whose fractions cannot go back, until the owner may cancel it", async () => {
    await block(sell(alice, F1, 100n, 10n), sell(alice, F1, 105n, 5n, GENESIS_SECONDS + 4n));
    await block(official.tx(freeze(official.signer, alice.signer)));
    const matched = (await block(buy(bob, F1, 100n, 10n))).txResults[0]!;
    expect(attributes(matched, "order_suspended")).toEqual([
      expect.objectContaining({ order_id: "1", owner: alice.address, reason: "not_compliant", escrow: `10${F1}`, remaining: "10" }),
    ]);
    expect(await read.order(1n)).toMatchObject({ suspended: true, escrow: "10" });
    expect(await read.book(F1, "sell")).toEqual([{ price: "105", quantity: "5", orders: 1 }]);
    expect(await read.book(F1, "buy")).toEqual([{ price: "100", quantity: "10", orders: 1 }]);
    // The expiry of the other order at block 4 cannot refund either: suspended too.
    const expiry = await block();
    expect(attributes(expiry, "order_suspended").map((e) => [e.order_id, e.reason])).toEqual([["2", "expired"]]);
    expect(await read.book(F1, "sell")).toEqual([]);
    expect(await read.balance(MARKET_ADDRESS, F1)).toBe(15n);

    const refused = (await chain.block([await alice.tx(cancelOrder(alice.signer, 1n))])).txResults[0]!;
    expect([refused.codespace, refused.code]).toEqual(["identity", 16]);
    alice.rollback();
    expect((await read.order(1n))?.suspended).toBe(true);
    await block(official.tx(unfreeze(official.signer, alice.signer)));
    const cancelled = await block(alice.tx(cancelOrder(alice.signer, 1n)), alice.tx(cancelOrder(alice.signer, 2n)));
    expect(cancelled.txResults.flatMap((r) => attributes(r, "order_cancelled")).map((e) => [e.order_id, e.refund])).toEqual([
      ["1", `10${F1}`],
      ["2", `5${F1}`],
    ]);
    expect(await read.balance(alice.address, F1)).toBe(100n);
    expect(await read.balance(MARKET_ADDRESS, F1)).toBe(0n);
  });

  it("prevents self-trades by cancelling the resting order", async () => {
    await block(sell(alice, F1, 100n, 10n));
    const result = (await block(buy(alice, F1, 100n, 4n))).txResults[0]!;
    expect(attributes(result, "order_cancelled").map((e) => [e.order_id, e.reason])).toEqual([["1", "self_trade"]]);
    expect(attributes(result, "trade")).toEqual([]);
    expect(await read.book(F1, "buy")).toEqual([{ price: "100", quantity: "4", orders: 1 }]);
    expect(await read.balance(alice.address, F1)).toBe(100n);
  });
});
