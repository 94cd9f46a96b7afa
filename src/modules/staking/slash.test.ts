import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { afterEach, describe, expect, it } from "vitest";
import { Context, unmeteredGas } from "../../types/context.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { StakingKeeper } from "./keeper.js";
import { consensusAddressOf } from "./validator.js";
import { attributes, BONDED_POOL_ADDRESS, consensusKey, delegateMsg, NOT_BONDED_POOL_ADDRESS, redelegateMsg, stakingChain, undelegateMsg, XPRT, type StakingChain } from "./test-fixture.js";

const ONE = 10n ** 18n;

describe("slash, jail and unjail", () => {
  let s: StakingChain;
  afterEach(() => s.chain.close());

  /** Runs keeper calls as a block's begin-block would (slashing's), inside FinalizeBlock of the next block. */
  const inBlock = async (work: (keeper: StakingKeeper, ctx: Context) => void) => {
    const keeper = s.chain.app.keepers.staking;
    const staking = s.chain.app.modules.find((m) => m.name === "staking")!;
    const original = staking.beginBlock;
    (staking as { beginBlock?: (ctx: Context) => void }).beginBlock = (ctx) => work(keeper, ctx);
    try {
      return await s.chain.block([]);
    } finally {
      (staking as { beginBlock?: (ctx: Context) => void }).beginBlock = original;
    }
  };

  it("jails a validator out of the active set and unjails it back", async () => {
    s = await stakingChain({ accounts: 2, validators: [{ account: 0, tokens: 10n * XPRT }, { account: 1, tokens: 20n * XPRT }] });
    const [v0] = s.wallets as [StakingChain["wallets"][number]];
    const jailed = await inBlock((keeper, ctx) => keeper.jail(ctx, consensusAddressOf(consensusKey(0))));
    expect(jailed.validatorUpdates).toEqual([{ pubKey: { ed25519: consensusKey(0) }, power: 0n }]);
    const v = await s.read.validator(v0.operator);
    expect([v.jailed, v.status]).toEqual([true, BondStatus.BOND_STATUS_UNBONDING]);
    expect(await s.read.pool()).toEqual({ bonded: 20n * XPRT, notBonded: 10n * XPRT });
    const unjailed = await inBlock((keeper, ctx) => keeper.unjail(ctx, consensusAddressOf(consensusKey(0))));
    expect(unjailed.validatorUpdates).toEqual([{ pubKey: { ed25519: consensusKey(0) }, power: 10n }]);
    expect(await s.read.pool()).toEqual({ bonded: 30n * XPRT, notBonded: 0n });
  });

  it("burns from the validator, and from unbondings and redelegations begun at or after the infraction", async () => {
    s = await stakingChain({ accounts: 3, validators: [{ account: 0, tokens: 10n * XPRT }, { account: 1, tokens: 10n * XPRT }] });
    const [v0, v1, carol] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number], StakingChain["wallets"][number]];
    await s.chain.block([await carol.tx(delegateMsg(carol.address, v0.operator, 10n * XPRT))]);
    const infraction = s.chain.height + 1n;
    const moved = await s.chain.block([await carol.tx(undelegateMsg(carol.address, v0.operator, 2n * XPRT)), await carol.tx(redelegateMsg(carol.address, v0.operator, v1.operator, 4n * XPRT))]);
    expect(moved.txResults.map((r) => r.log)).toEqual(["", ""]);
    let burned = 0n;
    // Power 20 at the infraction (20 XPRT), 10%: 2 XPRT due; 0.2 from the unbonding, 0.4 from the redelegation, 1.4 from v0.
    const block = await inBlock((keeper, ctx) => {
      burned = keeper.slash(ctx, consensusAddressOf(consensusKey(0)), infraction, 20n, ONE / 10n);
    });
    expect(burned).toBe(2n * XPRT);
    const burns = attributes(block, "burn").map((a) => [a.burner, a.amount]);
    expect(burns).toEqual([
      [NOT_BONDED_POOL_ADDRESS, "200000uxprt"],
      [BONDED_POOL_ADDRESS, "400000uxprt"],
      [BONDED_POOL_ADDRESS, "1400000uxprt"],
    ]);
    expect((await s.read.unbonding(carol.address, v0.operator))!.entries[0]!.balance).toBe("1800000");
    expect((await s.read.delegation(carol.address, v1.operator))!.balance).toBe(3_600_000n);
    expect((await s.read.validator(v0.operator)).tokens).toBe((14n * XPRT - 1_400_000n).toString());
    expect(await s.read.pool()).toEqual({ bonded: 14n * XPRT - 1_400_000n + 13_600_000n, notBonded: 1_800_000n });
  });

  it("does not reach entries begun before the infraction, nor unknown validators", async () => {
    s = await stakingChain({ accounts: 2, validators: [{ account: 0, tokens: 10n * XPRT }] });
    const [v0, bob] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number]];
    await s.chain.block([await bob.tx(delegateMsg(bob.address, v0.operator, 10n * XPRT))]);
    await s.chain.block([await bob.tx(undelegateMsg(bob.address, v0.operator, 5n * XPRT))]);
    const infraction = s.chain.height + 1n;
    let burned = [0n, 0n];
    await inBlock((keeper, ctx) => {
      burned = [keeper.slash(ctx, consensusAddressOf(consensusKey(0)), infraction, 15n, ONE / 2n), keeper.slash(ctx, new Uint8Array(20), infraction, 15n, ONE / 2n)];
    });
    expect(burned).toEqual([7_500_000n, 0n]);
    expect((await s.read.unbonding(bob.address, v0.operator))!.entries[0]!.balance).toBe("5000000");
    expect((await s.read.validator(v0.operator)).tokens).toBe("7500000");
  });

  it("keeps the contract's views in step", async () => {
    s = await stakingChain({ accounts: 2, validators: [{ account: 0, tokens: 10n * XPRT }, { account: 1, tokens: 30n * XPRT }] });
    const keeper = s.chain.app.keepers.staking;
    const ctx = new Context({ height: 3n, time: { seconds: 0n, nanos: 0 }, chainId: "x" }, "query", new CacheKV(s.chain.app["stores"].committed), unmeteredGas());
    const active = keeper.bondedValidatorsByPower(ctx);
    expect(active.map((v) => v.tokens)).toEqual([30n * XPRT, 10n * XPRT]);
    expect(keeper.totalBondedTokens(ctx)).toBe(40n * XPRT);
    expect(keeper.getValidatorByConsensusAddress(ctx, consensusAddressOf(consensusKey(1)))!.operator).toEqual(active[0]!.operator);
    expect(keeper.delegatorDelegations(ctx, active[0]!.operator)).toEqual([{ operator: active[0]!.operator, shares: 30n * XPRT * ONE }]);
    expect(keeper.tokensFromShares(active[0]!, 3n * ONE)).toBe(3n);
    expect(keeper.bondDenom(ctx)).toBe("uxprt");
  });
});
