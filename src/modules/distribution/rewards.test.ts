import { describe, expect, it } from "vitest";
import { encodeAddress } from "../../types/address.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { ErrUnauthorized, isError } from "../../types/errors.js";
import { amountOf, type DecCoin } from "./dec-coins.js";
import { ErrBadDistribution, ErrEmptyDelegationDistInfo, ErrInvalidParams, ErrNoValidatorCommission, ErrNoValidatorExists, ErrSetWithdrawAddrDisabled } from "./errors.js";
import { distributionModule } from "./module.js";
import { DistributionStore } from "./store.js";
import { addr, DISTRIBUTION_ADDRESS, distributionWorld, FEE_COLLECTOR_ADDRESS } from "./test-fixture.js";

const dec = (text: string) => parseDecimal(text)!;
const uxprt = (coins: readonly DecCoin[]) => amountOf(coins, "uxprt");
const [A, B, D1, D2, D3] = [addr(0xa1), addr(0xb2), addr(1), addr(2), addr(3)];

function events(ctx: { events: { events: { type: string; attributes: { key: string; value: string }[] }[] } }, type: string) {
  return ctx.events.events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));
}

/** A world with `communityTax` and validators A and B; zero-tax worlds make the F1 arithmetic easy to follow. */
function world(communityTax = 0n) {
  const w = distributionWorld();
  w.keeper.setParams(w.ctx, { ...w.keeper.getParams(w.ctx), communityTax });
  return w;
}

/** The ledger invariant: the module account holds exactly Σ outstanding + the community pool. */
function expectLedgerBalanced(w: ReturnType<typeof world>, validators: Uint8Array[]) {
  const store = new DistributionStore(w.ctx);
  const held = validators.reduce((sum, v) => sum + uxprt(store.outstanding(v) ?? []), uxprt(store.communityPool()));
  expect(held).toBe(w.balance(DISTRIBUTION_ADDRESS) * ONE);
}

describe("F1 fee distribution", () => {
  it("allocates by voting power, with the community tax and commission, as an independent calculation says", () => {
    const w = world(dec("0.02"));
    w.staking.createValidator(w.ctx, A, dec("0.1"));
    w.staking.createValidator(w.ctx, B, 0n);
    w.staking.delegate(w.ctx, D1, A, 600n);
    w.staking.delegate(w.ctx, D2, B, 400n);
    const ctx = w.nextBlock([w.staking.vote(w.ctx, A, 60n), w.staking.vote(w.ctx, B, 40n)]);
    w.collect(1000n);
    w.keeper.allocateTokens(ctx);

    // 1000 collected; 2 % tax; 980 split 60:40 → A 588 (10 % = 58.8 commission), B 392.
    const store = new DistributionStore(ctx);
    expect(w.balance(FEE_COLLECTOR_ADDRESS)).toBe(0n);
    expect(w.balance(DISTRIBUTION_ADDRESS)).toBe(1000n);
    expect(uxprt(store.communityPool())).toBe(dec("20"));
    expect(uxprt(store.outstanding(A)!)).toBe(dec("588"));
    expect(uxprt(store.commission(A))).toBe(dec("58.8"));
    expect(uxprt(store.current(A)!.rewards)).toBe(dec("529.2"));
    expect(uxprt(store.outstanding(B)!)).toBe(dec("392"));
    expect(uxprt(store.commission(B))).toBe(0n);
    expect(events(ctx, "commission")).toContainEqual({ amount: "58.800000000000000000uxprt", validator: encodeAddress(A, "persistencevaloper") });
    expect(events(ctx, "rewards")).toContainEqual({ amount: "529.200000000000000000uxprt", validator: encodeAddress(A, "persistencevaloper") });
    expectLedgerBalanced(w, [A, B]);

    // D1 withdraws its 529.2: 529 paid, the 0.2 to the community pool; then A its 58 of 58.8.
    const next = w.nextBlock();
    expect(uxprt(w.keeper.pendingRewards(next, w.staking.getValidator(next, A)!, D1, w.staking.getDelegation(next, D1, A)!.shares) as DecCoin[])).toBe(dec("529.2"));
    expect(w.keeper.withdrawDelegationRewards(next, D1, A)).toEqual([{ denom: "uxprt", amount: 529n }]);
    expect(w.balance(D1)).toBe(529n);
    expect(events(next, "withdraw_rewards")).toEqual([{ amount: "529uxprt", validator: encodeAddress(A, "persistencevaloper"), delegator: encodeAddress(D1) }]);
    expect(w.keeper.withdrawValidatorCommission(next, A)).toEqual([{ denom: "uxprt", amount: 58n }]);
    expect(w.balance(A)).toBe(58n);
    expect(uxprt(store.commission(A))).toBe(dec("0.8"));
    expect(uxprt(store.outstanding(A)!)).toBe(dec("0.8"));
    expect(uxprt(store.communityPool())).toBe(dec("20.2"));
    expect(events(next, "withdraw_commission")).toEqual([{ amount: "58uxprt" }]);
    expectLedgerBalanced(w, [A, B]);

    // Nothing accrues twice: a second withdrawal in the same block pays nothing.
    expect(w.keeper.withdrawDelegationRewards(next, D1, A)).toEqual([]);
    expect(events(next, "withdraw_rewards").at(-1)).toMatchObject({ amount: "0uxprt" });
  });

  it("pays two delegators joining at different heights for the blocks each was bonded", () => {
    const w = world();
    w.staking.createValidator(w.ctx, A, 0n);
    w.staking.delegate(w.ctx, D1, A, 100n);
    let ctx = w.nextBlock([w.staking.vote(w.ctx, A, 1n)]);
    w.collect(100n);
    w.keeper.allocateTokens(ctx); // D1 alone: 100
    w.staking.delegate(ctx, D2, A, 300n);
    ctx = w.nextBlock([w.staking.vote(ctx, A, 4n)]);
    w.collect(400n);
    w.keeper.allocateTokens(ctx); // 100 : 300 → 100 and 300
    ctx = w.nextBlock();
    expect(w.keeper.withdrawDelegationRewards(ctx, D1, A)).toEqual([{ denom: "uxprt", amount: 200n }]);
    expect(w.keeper.withdrawDelegationRewards(ctx, D2, A)).toEqual([{ denom: "uxprt", amount: 300n }]);
    expect(uxprt(new DistributionStore(ctx).outstanding(A)!)).toBe(0n);
    expectLedgerBalanced(w, [A]);
  });

  it("cuts a delegation's stake by a slash between periods", () => {
    const w = world();
    w.staking.createValidator(w.ctx, A, 0n);
    w.staking.delegate(w.ctx, D1, A, 100n);
    w.staking.delegate(w.ctx, D2, A, 100n);
    let ctx = w.nextBlock([w.staking.vote(w.ctx, A, 1n)]);
    w.collect(200n);
    w.keeper.allocateTokens(ctx); // 100 each
    w.staking.slash(ctx, A, ONE / 2n); // 200 → 100 tokens
    const store = new DistributionStore(ctx);
    expect([...store.slashEventsBetween(A, 0n, 10n)]).toEqual([{ height: 2n, validatorPeriod: 3n, fraction: ONE / 2n }]); // periods 1 and 2 ended at the two delegations
    ctx = w.nextBlock([w.staking.vote(ctx, A, 1n)]);
    w.collect(100n);
    w.keeper.allocateTokens(ctx); // 50 each on the halved stake
    ctx = w.nextBlock();
    expect(w.keeper.withdrawDelegationRewards(ctx, D1, A)).toEqual([{ denom: "uxprt", amount: 150n }]);
    // A delegation that starts after the slash sees no slash: D2 settles its own 150 the same way.
    expect(w.keeper.withdrawDelegationRewards(ctx, D2, A)).toEqual([{ denom: "uxprt", amount: 150n }]);
    expectLedgerBalanced(w, [A]);
  });

  it("settles a delegation before its shares change, and a removed validator's commission and dust", () => {
    const w = world();
    w.staking.createValidator(w.ctx, A, dec("0.5"));
    w.staking.delegate(w.ctx, D1, A, 2n);
    let ctx = w.nextBlock([w.staking.vote(w.ctx, A, 1n)]);
    w.collect(11n);
    w.keeper.allocateTokens(ctx); // commission 5.5, delegators 5.5
    w.staking.delegate(ctx, D1, A, 2n); // settles 5 (0.5 to the pool) first
    expect(w.balance(D1)).toBe(5n);
    expect(uxprt(new DistributionStore(ctx).communityPool())).toBe(dec("0.5"));
    ctx = w.nextBlock();
    w.staking.undelegateAll(ctx, D1, A);
    expect(new DistributionStore(ctx).startingInfo(A, D1)).toBeUndefined();
    w.staking.remove(ctx, A); // commission 5.5: 5 to A, 0.5 to the pool
    expect(w.balance(A)).toBe(5n);
    const store = new DistributionStore(ctx);
    expect(uxprt(store.communityPool())).toBe(dec("1"));
    expect(store.outstanding(A)).toBeUndefined();
    expect(store.current(A)).toBeUndefined();
    expect([...store.all(Uint8Array.of(0x05)).iterate()]).toEqual([]);
    expect(w.balance(DISTRIBUTION_ADDRESS)).toBe(1n);
  });

  it("sends to the community pool what a validator without tokens earned, and everything when no one voted", () => {
    const w = world(dec("0.02"));
    w.staking.createValidator(w.ctx, A, 0n);
    let ctx = w.nextBlock();
    w.collect(77n);
    w.keeper.allocateTokens(ctx);
    expect(uxprt(w.keeper.communityPool(ctx))).toBe(dec("77"));
    ctx = w.nextBlock([w.staking.vote(ctx, A, 5n)]);
    w.collect(100n);
    w.keeper.allocateTokens(ctx); // A has no tokens: its 98 wait in current rewards
    w.staking.delegate(ctx, D1, A, 10n); // ending the period moves them to the pool
    expect(uxprt(w.keeper.communityPool(ctx))).toBe(dec("177"));
    expectLedgerBalanced(w, [A]);
  });

  it("funds the community pool from accounts and module accounts, and spends it (governance) no further than it holds", () => {
    const w = world();
    w.fund(D1, 500n);
    expect(w.keeper.fundCommunityPoolFromAccount(w.ctx, D1, [{ denom: "uxprt", amount: 300n }])).toBeUndefined();
    expect(uxprt(w.keeper.communityPool(w.ctx))).toBe(dec("300"));
    const tooMuch = w.keeper.distributeFromCommunityPool(w.ctx, [{ denom: "uxprt", amount: 301n }], D2);
    expect(ErrBadDistribution.is(tooMuch) && tooMuch.log).toContain("the community pool holds 300.000000000000000000uxprt, less than 301uxprt");
    expect(ErrBadDistribution.is(w.keeper.distributeFromCommunityPool(w.ctx, [{ denom: "uusd", amount: 1n }], D2))).toBe(true);
    expect(ErrUnauthorized.is(w.keeper.distributeFromCommunityPool(w.ctx, [{ denom: "uxprt", amount: 1n }], FEE_COLLECTOR_ADDRESS))).toBe(true);
    expect([w.balance(D2), w.balance(DISTRIBUTION_ADDRESS)]).toEqual([0n, 300n]);
    expect(w.keeper.distributeFromCommunityPool(w.ctx, [{ denom: "uxprt", amount: 120n }], D2)).toBeUndefined();
    expect([w.balance(D2), w.balance(DISTRIBUTION_ADDRESS), uxprt(w.keeper.communityPool(w.ctx))]).toEqual([120n, 180n, dec("180")]);
    expect(w.keeper.fundCommunityPoolFromAccount(w.ctx, D1, [{ denom: "uxprt", amount: 201n }])).toMatchObject({ codespace: "sdk", code: 5 });
    expectLedgerBalanced(w, []);
  });

  it("refuses withdrawals with nothing to withdraw from, changing nothing", () => {
    const w = world();
    w.staking.createValidator(w.ctx, A, 0n);
    w.staking.delegate(w.ctx, D1, A, 10n);
    const ctx = w.nextBlock();
    expect(ErrNoValidatorExists.is(w.keeper.withdrawDelegationRewards(ctx, D1, B))).toBe(true);
    expect(ErrEmptyDelegationDistInfo.is(w.keeper.withdrawDelegationRewards(ctx, D3, A))).toBe(true);
    expect(ErrNoValidatorCommission.is(w.keeper.withdrawValidatorCommission(ctx, A))).toBe(true);
    const result = w.keeper.withdrawValidatorCommission(ctx, B);
    expect(isError(result) && result.log).toContain("has no commission");
    expect(ErrUnauthorized.is(w.keeper.setWithdrawAddress(ctx, D1, DISTRIBUTION_ADDRESS))).toBe(true);
    expect(ctx.events.events).toEqual([]);

    // Governance turns withdraw addresses off through the params hook, validated as genesis.
    const params = distributionModule(w.keeper, w.staking, w.bank).params!;
    expect(ErrInvalidParams.is(params.set(ctx, "community_tax", "2"))).toBe(true);
    expect(ErrInvalidParams.is(params.set(ctx, "nope", true))).toBe(true);
    expect(params.set(ctx, "withdraw_addr_enabled", false)).toBeUndefined();
    expect(params.get(ctx)).toMatchObject({ withdraw_addr_enabled: false, community_tax: "0.000000000000000000" });
    expect(ErrSetWithdrawAddrDisabled.is(w.keeper.setWithdrawAddress(ctx, D1, D2))).toBe(true);
    expect(w.keeper.withdrawAddress(ctx, D1)).toEqual(D1);
  });
});
