import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fundedPool, placeOrder, startPoolsChain, type PoolsChain } from "./test-fixture.js";

describe("pools: tranche tokens on the market", () => {
  let t: PoolsChain;
  beforeEach(async () => {
    t = await startPoolsChain();
  });
  afterEach(() => t.chain.close());

  it("trade against uusd between holders the pool's investor requirement admits", async () => {
    await fundedPool(t, 400_000_000n, 200_000_000n);
    const senior = "pool/1/senior";
    const [bobUsd, aliceUsd] = [await t.chain.balance(t.bob.address, "uusd"), await t.chain.balance(t.alice.address, "uusd")];
    await t.ok(t.bob.tx(placeOrder(t.bob.signer, { base: senior, side: "sell", price: 1n, quantity: 100_000_000n })));

    // official holds no claims, so the pool's investor requirement keeps it from buying.
    const refused = (await t.chain.block([await t.official.tx(placeOrder(t.official.signer, { base: senior, side: "buy", price: 1n, quantity: 1n }))])).txResults[0]!;
    expect(refused.codespace).toBe("market");
    expect(refused.log).toContain(`may not trade ${senior}`);

    await t.ok(t.alice.tx(placeOrder(t.alice.signer, { base: senior, side: "buy", price: 1n, quantity: 100_000_000n })));
    expect(await t.chain.balance(t.alice.address, senior)).toBe(100_000_000n);
    expect(await t.chain.balance(t.bob.address, senior)).toBe(300_000_000n);
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(aliceUsd - 100_000_000n);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bobUsd + 100_000_000n);
  });
});
