import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MsgUndelegateResponse } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { afterEach, describe, expect, it } from "vitest";
import {
  attributes,
  BONDED_POOL_ADDRESS,
  cancelUnbondingMsg,
  consensusKey,
  createValidatorMsg,
  delegateMsg,
  editValidatorMsg,
  NOT_BONDED_POOL_ADDRESS,
  redelegateMsg,
  stakingChain,
  undelegateMsg,
  DAY,
  XPRT,
  type StakingChain,
} from "./test-fixture.js";

const SHARE = 10n ** 18n;

describe("staking messages", () => {
  let s: StakingChain;
  afterEach(() => s.chain.close());

  const deliver = async (wallet: StakingChain["wallets"][number], ...msgs: { typeUrl: string; value: Uint8Array }[]) => {
    const block = await s.chain.block([await wallet.tx(...msgs)]);
    return { result: block.txResults[0]!, updates: block.validatorUpdates };
  };
  const ok = async (wallet: StakingChain["wallets"][number], ...msgs: { typeUrl: string; value: Uint8Array }[]) => {
    const out = await deliver(wallet, ...msgs);
    expect(out.result.code, out.result.log).toBe(0);
    return out;
  };
  /** A refused tx: its code and log, and the staking state and pools as they were. */
  const refused = async (wallet: StakingChain["wallets"][number], msg: { typeUrl: string; value: Uint8Array }, code: number, codespace = "staking") => {
    const before = { state: s.read.snapshot(), pool: await s.read.pool() };
    const { result } = await deliver(wallet, msg);
    expect([result.codespace, result.code], result.log).toEqual([codespace, code]);
    expect({ state: s.read.snapshot(), pool: await s.read.pool() }).toEqual(before);
    return result.log;
  };

  it("creates a validator that joins the active set at the end of the block", async () => {
    s = await stakingChain({ accounts: 2 });
    const [alice] = s.wallets as [StakingChain["wallets"][number]];
    const { result, updates } = await ok(alice, createValidatorMsg(alice, { key: consensusKey(7), amount: 5n * XPRT }));
    expect(attributes(result, "create_validator")).toEqual([{ validator: alice.operator, amount: "5000000uxprt" }]);
    expect(attributes(result, "delegate")).toEqual([]);
    expect(updates).toEqual([{ pubKey: { ed25519: consensusKey(7) }, power: 5n }]);
    const validator = await s.read.validator(alice.operator);
    expect(validator.status).toBe(BondStatus.BOND_STATUS_BONDED);
    expect([validator.tokens, validator.delegatorShares]).toEqual(["5000000", (5n * XPRT * SHARE).toString()]);
    expect(await s.read.pool()).toEqual({ bonded: 5n * XPRT, notBonded: 0n });
    expect(await s.read.balance(alice.address)).toBe(1_000_000_000n - 5n * XPRT - 5000n);
  });

  it("refuses bad validators, changing nothing", async () => {
    s = await stakingChain({ accounts: 2, validators: [{ account: 0, tokens: 10n * XPRT }] });
    const [alice, bob] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number]];
    await s.chain.block([]);
    await refused(alice, createValidatorMsg(alice, { key: consensusKey(9), amount: XPRT }), 4);
    await refused(bob, createValidatorMsg(bob, { key: consensusKey(0), amount: XPRT }), 5);
    await refused(bob, createValidatorMsg(bob, { key: consensusKey(9), amount: 2_000_000_000n }), 5, "sdk");
  });

  it("delegates at the exchange rate and undelegates into an unbonding entry that matures", async () => {
    s = await stakingChain({ accounts: 2, validators: [{ account: 0, tokens: 10n * XPRT }], params: { unbonding_time: "5s" } });
    const [val, bob] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number]];
    const { result, updates } = await ok(bob, delegateMsg(bob.address, val.operator, 3n * XPRT));
    expect(attributes(result, "delegate")).toEqual([{ validator: val.operator, delegator: bob.address, amount: "3000000uxprt", new_shares: "3000000.000000000000000000" }]);
    expect(updates).toEqual([{ pubKey: { ed25519: consensusKey(0) }, power: 13n }]);
    expect(await s.read.delegation(bob.address, val.operator)).toEqual({ shares: (3n * XPRT * SHARE).toString(), balance: 3n * XPRT });

    const undelegated = await ok(bob, undelegateMsg(bob.address, val.operator, XPRT));
    const response = MsgUndelegateResponse.decode(TxMsgData.decode(undelegated.result.data).msgResponses[0]!.value);
    const height = s.chain.height;
    const completion = 1_700_000_000n + height + 5n;
    expect(response).toEqual({ completionTime: { seconds: completion, nanos: 0 }, amount: { denom: "uxprt", amount: "1000000" } });
    expect(attributes(undelegated.result, "unbond")).toEqual([{ validator: val.operator, delegator: bob.address, amount: "1000000uxprt", completion_time: new Date(Number(completion) * 1000).toISOString().replace(".000Z", "Z") }]);
    expect(await s.read.pool()).toEqual({ bonded: 12n * XPRT, notBonded: XPRT });
    expect((await s.read.unbonding(bob.address, val.operator))!.entries).toMatchObject([{ creationHeight: height, balance: "1000000" }]);

    const before = await s.read.balance(bob.address);
    for (let i = 0; i < 4; i++) await s.chain.block([]);
    expect(await s.read.balance(bob.address)).toBe(before);
    const matured = await s.chain.block([]);
    expect(attributes(matured, "complete_unbonding")).toEqual([{ amount: "1000000uxprt", validator: val.operator, delegator: bob.address }]);
    expect(await s.read.balance(bob.address)).toBe(before + XPRT);
    expect(await s.read.unbonding(bob.address, val.operator)).toBeUndefined();
    expect(await s.read.pool()).toEqual({ bonded: 12n * XPRT, notBonded: 0n });
  });

  it("refuses bad delegations and undelegations, changing nothing", async () => {
    s = await stakingChain({ accounts: 3, validators: [{ account: 0, tokens: 10n * XPRT }], params: { max_entries: 1 } });
    const [val, bob, carol] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number], StakingChain["wallets"][number]];
    await refused(bob, delegateMsg(bob.address, bob.operator, XPRT), 3);
    await refused(bob, delegateMsg(bob.address, val.operator, XPRT, "uusd"), 18, "sdk");
    await refused(bob, delegateMsg(bob.address, val.operator, 10n ** 12n), 5, "sdk");
    await refused(carol, undelegateMsg(carol.address, val.operator, XPRT), 19);
    await ok(bob, delegateMsg(bob.address, val.operator, XPRT));
    await refused(bob, undelegateMsg(bob.address, val.operator, 2n * XPRT), 18, "sdk");
    await ok(bob, undelegateMsg(bob.address, val.operator, XPRT / 2n));
    await refused(bob, undelegateMsg(bob.address, val.operator, XPRT / 4n), 27);
  });

  it("redelegates at once, refuses a transitive hop, and cancels an unbonding", async () => {
    s = await stakingChain({ accounts: 3, validators: [{ account: 0, tokens: 10n * XPRT }, { account: 1, tokens: 10n * XPRT }] });
    const [v0, v1, carol] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number], StakingChain["wallets"][number]];
    await ok(carol, delegateMsg(carol.address, v0.operator, 4n * XPRT));
    const { result } = await ok(carol, redelegateMsg(carol.address, v0.operator, v1.operator, 3n * XPRT));
    expect(attributes(result, "redelegate")[0]).toMatchObject({ source_validator: v0.operator, destination_validator: v1.operator, delegator: carol.address, amount: "3000000uxprt" });
    expect((await s.read.delegation(carol.address, v1.operator))!.balance).toBe(3n * XPRT);
    expect((await s.read.redelegations(carol.address))[0]!.entries[0]!.balance).toBe("3000000");
    await refused(carol, redelegateMsg(carol.address, v1.operator, v0.operator, XPRT), 32);
    await refused(carol, redelegateMsg(carol.address, v0.operator, v0.operator, XPRT), 29);

    await ok(carol, undelegateMsg(carol.address, v0.operator, XPRT));
    const height = s.chain.height;
    await refused(carol, cancelUnbondingMsg(carol.address, v0.operator, 2n * XPRT, height), 18, "sdk");
    await refused(carol, cancelUnbondingMsg(carol.address, v0.operator, XPRT, height + 7n), 38, "sdk");
    const cancelled = await ok(carol, cancelUnbondingMsg(carol.address, v0.operator, XPRT, height));
    expect(attributes(cancelled.result, "cancel_unbonding_delegation")).toEqual([{ amount: "1000000uxprt", validator: v0.operator, delegator: carol.address, creation_height: height.toString() }]);
    expect(await s.read.unbonding(carol.address, v0.operator)).toBeUndefined();
    expect((await s.read.delegation(carol.address, v0.operator))!.balance).toBe(XPRT);
    expect(await s.read.pool()).toEqual({ bonded: 24n * XPRT, notBonded: 0n });
  });

  it("edits a validator's commission once a day, within the max change rate", async () => {
    s = await stakingChain({ accounts: 1 });
    const [alice] = s.wallets as [StakingChain["wallets"][number]];
    await ok(alice, createValidatorMsg(alice, { key: consensusKey(1), amount: 5n * XPRT }));
    await refused(alice, editValidatorMsg(alice, { rate: "105000000000000000" }), 12);
    /** A block a day later than the harness's clock. */
    const nextDay = async (msg: { typeUrl: string; value: Uint8Array }) => {
      const request = s.chain.nextBlock([await alice.tx(msg)]);
      const block = await s.chain.app.finalizeBlock({ ...request, time: { seconds: request.time.seconds + DAY, nanos: 0 } });
      await s.chain.app.commit();
      s.chain.height += 1n;
      return block.txResults[0]!;
    };
    for (const [msg, code] of [
      [editValidatorMsg(alice, { rate: "150000000000000000" }), 15],
      [editValidatorMsg(alice, { rate: "300000000000000000" }), 11],
      [editValidatorMsg(alice, { minSelfDelegation: "1" }), 17],
      [editValidatorMsg(alice, { minSelfDelegation: "6000000" }), 16],
    ] as const) {
      const before = s.read.snapshot();
      const result = await nextDay(msg);
      expect([result.codespace, result.code], result.log).toEqual(["staking", code]);
      expect(s.read.snapshot()).toEqual(before);
    }
    const result = await nextDay(editValidatorMsg(alice, { rate: "0.105", minSelfDelegation: "2000000", moniker: "renamed" }));
    expect(result.code, result.log).toBe(0);
    expect(attributes(result, "edit_validator")).toEqual([{ commission_rate: "0.105000000000000000", min_self_delegation: "2000000" }]);
    const v = await s.read.validator(alice.operator);
    expect([v.commission.commissionRates.rate, v.minSelfDelegation, v.description.moniker]).toEqual(["105000000000000000", "2000000", "renamed"]);
  });

  it("bonds and unbonds validators through FinalizeBlock as power moves", async () => {
    s = await stakingChain({ accounts: 3, validators: [{ account: 0, tokens: 10n * XPRT }, { account: 1, tokens: 5n * XPRT }], params: { max_validators: 1, unbonding_time: "3s" } });
    const [v0, v1, carol] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number], StakingChain["wallets"][number]];
    expect((await s.read.validator(v1.operator)).status).toBe(BondStatus.BOND_STATUS_UNBONDED);
    expect(await s.read.pool()).toEqual({ bonded: 10n * XPRT, notBonded: 5n * XPRT });
    const { updates } = await ok(carol, delegateMsg(carol.address, v1.operator, 6n * XPRT));
    expect(updates).toEqual([
      { pubKey: { ed25519: consensusKey(1) }, power: 11n },
      { pubKey: { ed25519: consensusKey(0) }, power: 0n },
    ]);
    expect((await s.read.validator(v0.operator)).status).toBe(BondStatus.BOND_STATUS_UNBONDING);
    expect(await s.read.pool()).toEqual({ bonded: 11n * XPRT, notBonded: 10n * XPRT });
    for (let i = 0; i < 3; i++) await s.chain.block([]);
    expect((await s.read.validator(v0.operator)).status).toBe(BondStatus.BOND_STATUS_UNBONDED);
    expect(BONDED_POOL_ADDRESS).not.toBe(NOT_BONDED_POOL_ADDRESS);
  });
});
