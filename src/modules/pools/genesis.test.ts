import { afterEach, describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { LendingTestChain } from "../lending/test-fixture.js";
import { defaultPoolsGenesis } from "./genesis.js";
import { fundedPool, JUNIOR, lendingMsg, poolMsg, POOLS_ADDRESS, SENIOR, startPoolsChain, YEAR, type PoolsChain } from "./test-fixture.js";

type Coins = { denom: string; amount: string }[];
type BankJson = { balances: { address: string; coins: Coins }[]; supply: Coins };
type PoolJson = Record<string, unknown> & { senior_orders: { invest: string; redeem: string }; junior_orders: { invest: string; redeem: string } };
type OrderJson = Record<string, unknown> & { investor: string; redeem: string };

/**
 * Pool 1 mid-life: bob's senior and carol's junior investments executed and claimed, a financed
 * loan, then an epoch in which bob redeemed 100,000 senior tokens (claimed since) and carol's
 * 500,000 uusd junior order executed only in part (about 200,000: the junior ratio's cap), her
 * tokens unclaimed and her order unsettled; bob's new redeem order of 50,000 tokens is open.
 */
async function midLifePool(t: PoolsChain): Promise<void> {
  await fundedPool(t, 400_000n, 100_000n);
  await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, "nft:invoice/n1")));
  await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, 10_000_000n)));
  await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal: 300_000n, maturity: t.chain.now + YEAR, periodSeconds: YEAR / 12n })));
  await t.ok(t.valuer.tx(poolMsg.finance(t.valuer, 1n, 1n)), t.bob.tx(poolMsg.redeem(t.bob, 1n, SENIOR, 100_000n)), t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 500_000n)));
  t.chain.advance(10n);
  await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
  await t.ok(t.bob.tx(poolMsg.claim(t.bob, 1n, SENIOR)));
  await t.ok(t.bob.tx(poolMsg.redeem(t.bob, 1n, SENIOR, 50_000n)));
}

/** Bank's genesis with `amount` of `denom` moved from one account to another (supply unchanged) or, with no `from`, added (supply recomputed). */
function moveCoins(bank: BankJson, denom: string, amount: bigint, to: string, from?: string): BankJson {
  const shift = (coins: Coins, delta: bigint) => {
    const coin = coins.find((c) => c.denom === denom);
    const rest = coins.filter((c) => c.denom !== denom);
    const total = BigInt(coin?.amount ?? "0") + delta;
    if (total < 0n) throw new Error(`the test moves more ${denom} than there is`);
    return (total === 0n ? rest : [...rest, { denom, amount: total.toString() }]).sort((a, b) => (a.denom < b.denom ? -1 : 1));
  };
  const balances = bank.balances.map((b) => ({ ...b, coins: shift(shift(b.coins, b.address === to ? amount : 0n), b.address === from ? -amount : 0n) }));
  return { ...bank, balances, supply: from ? bank.supply : [] };
}

describe("pools genesis", () => {
  let t: PoolsChain;
  const others: AppHarness[] = [];
  afterEach(async () => {
    await t.chain.close();
    for (const h of others.splice(0)) await h.close();
  });

  it("round-trips a pool mid-life (partly executed and unclaimed orders, open redemptions, a loan), and the copy keeps settling", async () => {
    t = await startPoolsChain();
    await midLifePool(t);
    const exported = t.chain.app.exportGenesis();
    const pools = exported.pools as Record<string, unknown[]>;
    expect([pools.pools!.length, pools.orders!.length, pools.epochs!.length, pools.loans!.length, pools.buckets!.length]).toEqual([1, 2, 2, 1, 12]);
    const carolOrder = pools.orders!.find((o) => (o as OrderJson).investor === t.carol.address) as Record<string, string>;
    expect(carolOrder).toMatchObject({ invest: "500000", epoch: "2", claimable_tokens: "0" });
    expect(await t.chain.balance(POOLS_ADDRESS, "pool/1/junior")).toBeGreaterThan(0n);

    const copy = await AppHarness.start({ genesis: exported });
    others.push(copy);
    const chain = new LendingTestChain(copy);
    chain.now = t.chain.now;
    await chain.block([]);
    expect(copy.app.exportGenesis().pools).toEqual(exported.pools);
    const unclaimed = await chain.balance(POOLS_ADDRESS, "pool/1/junior");
    const claimed = await chain.block([await t.carol.tx(poolMsg.claim(t.carol, 1n, JUNIOR))]);
    expect(claimed.txResults[0]!.code, claimed.txResults[0]!.log).toBe(0);
    expect(await chain.balance(t.carol.address, "pool/1/junior")).toBe(100_000n + unclaimed);
    // Carol cancels her rolled-over order (its escrow comes back) and redeems junior tokens, which frees bob's senior redemption.
    const uusd = await chain.balance(t.carol.address, "uusd");
    const changed = await chain.block([await t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, 0n), poolMsg.redeem(t.carol, 1n, JUNIOR, 100_000n))]);
    expect(changed.txResults[0]!.code, changed.txResults[0]!.log).toBe(0);
    const rolledOver = BigInt((pools.pools![0] as PoolJson).junior_orders.invest);
    expect(rolledOver).toBeGreaterThan(0n);
    expect(await chain.balance(t.carol.address, "uusd")).toBe(uusd + rolledOver);
    chain.advance(10n);
    const closed = await chain.block([await t.alice.tx(poolMsg.close(t.alice, 1n))]);
    expect(closed.txResults[0]!.code, closed.txResults[0]!.log).toBe(0);
    const executed = closed.events.find((e) => e.type === "pool_epoch_executed");
    expect(executed?.attributes.find((a) => a.key === "senior_redeemed")?.value).toBe("50000");
  });

  it("imports when the pools account holds more than its ledgers owe (a stray transfer)", async () => {
    t = await startPoolsChain();
    await midLifePool(t);
    const exported = t.chain.app.exportGenesis();
    const bank = moveCoins(moveCoins(exported.bank as BankJson, "uusd", 7n, POOLS_ADDRESS, t.alice.address), "pool/1/senior", 7n, POOLS_ADDRESS, t.bob.address);
    const copy = await AppHarness.start({ genesis: { ...exported, bank } });
    others.push(copy);
    await new LendingTestChain(copy).block([]);
    expect(copy.app.exportGenesis().pools).toEqual(exported.pools);
  });

  it("refuses a genesis whose ledgers bank does not back, naming the pool and the figures", async () => {
    t = await startPoolsChain();
    await midLifePool(t);
    const base = t.chain.app.exportGenesis();
    const valid = base.pools as { pools: PoolJson[]; orders: OrderJson[] };
    const bank = base.bank as BankJson;
    const pool = valid.pools[0]!;
    const held = async (denom: string) => t.chain.balance(POOLS_ADDRESS, denom);
    const [uusd, senior, junior] = [await held("uusd"), await held("pool/1/senior"), await held("pool/1/junior")];
    expect(senior).toBe(50_000n);
    const withPool = (changes: object) => ({ pools: { ...valid, pools: [{ ...pool, ...changes }] } });
    const cases: [Record<string, unknown>, string][] = [
      // uusd: the reserve, payouts and invest escrow of the ledgers exceed the account's uusd.
      [withPool({ reserve: (BigInt(pool.reserve as string) + 1n).toString() }), `pools account holds ${uusd}uusd`],
      [{ bank: moveCoins(bank, "uusd", 1n, t.alice.address, POOLS_ADDRESS) }, `pools account holds ${uusd - 1n}uusd`],
      // Supplies: the ledger's supply and bank's differ, or bank has a tranche of no pool.
      [withPool({ senior_supply: "1" }), `pool 1: senior_supply is 1 but bank's supply of pool/1/senior is ${BigInt(pool.senior_supply as string)}`],
      [{ bank: moveCoins(bank, "pool/1/junior", 5n, t.alice.address) }, `pool 1: junior_supply is ${pool.junior_supply as string} but bank's supply of pool/1/junior is ${BigInt(pool.junior_supply as string) + 5n}`],
      [{ bank: moveCoins(bank, "pool/2/senior", 5n, t.alice.address) }, "bank has a supply of 5pool/2/senior, which is no tranche of a pool in the genesis"],
      // Tranche tokens owed: bob's escrowed redemption, carol's unclaimed tokens.
      [{ bank: moveCoins(bank, "pool/1/senior", 1n, t.alice.address, POOLS_ADDRESS) }, `pool 1: the pools account owes 50000pool/1/senior (open redeem orders 50000 + unclaimed 0) but holds 49999`],
      [{ bank: moveCoins(bank, "pool/1/junior", 1n, t.alice.address, POOLS_ADDRESS) }, `pool 1: the pools account owes ${junior}pool/1/junior (open redeem orders 0 + unclaimed ${junior}) but holds ${junior - 1n}`],
      // Orders beyond the pool's totals.
      [{ pools: { ...valid, orders: valid.orders.map((o) => (o.investor === t.bob.address ? { ...o, redeem: "50001" } : o)) } }, "pool 1 senior: its orders keep 0uusd invest and 50001 tokens redeem open, but the pool counts 0 and 50000"],
      [withPool({ senior_orders: { ...pool.senior_orders, redeem: "60000" } }), "pool 1: the pools account owes 60000pool/1/senior (open redeem orders 60000 + unclaimed 0) but holds 50000"],
    ];
    for (const [changes, log] of cases) {
      await expect(AppHarness.start({ genesis: { ...base, ...changes } }).then((h) => others.push(h)), log).rejects.toThrow(log);
    }
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
    ];
    for (const [pools, log] of cases) {
      await expect(AppHarness.start({ genesis: { ...base, pools } }).then((h) => others.push(h))).rejects.toThrow(log);
    }
  });
});
