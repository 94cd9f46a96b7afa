import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsRequest,
  QueryDelegationTotalRewardsResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryDelegatorWithdrawAddressRequest,
  QueryDelegatorWithdrawAddressResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { MsgFundCommunityPool, MsgSetWithdrawAddress, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { QueryClient, setupDistributionExtension } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { createValidatorMsg, delegateMsg, FEE, uxprtDec, valoperOf, voteOf, Wallet } from "./app-test-fixture.js";

const Q = "/cosmos.distribution.v1beta1.Query";
const DISTRIBUTION = encodeAddress(moduleAddress("distribution"));
const FEE_COLLECTOR = encodeAddress(moduleAddress("fee_collector"));
const dec = (text: string) => parseDecimal(text)!;

function attributes(result: { events: Event[] }, type: string): Record<string, string>[] {
  return result.events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index" && a.key !== "mode").map((a) => [a.key, a.value])));
}

/**
 * One validator (10 XPRT self-bond, 10 % commission) and Alice delegating 30 XPRT, on the real
 * App. Block 3 is the first whose last commit carries the validator's vote: it allocates block
 * 2's two fees (10,000 uxprt): 2 % to the pool, 9,800 to the validator, 980 of it commission;
 * the delegators share 8,820 as 10 : 30.
 */
describe("distribution messages and queries on the App", () => {
  let chain: AppHarness;
  let validator: Wallet;
  let alice: Wallet;
  let bob: Wallet;
  let valoper: string;
  const vote = [voteOf(1, 40n)];
  const block = (txs: Uint8Array[]) => chain.block(txs, { votes: vote });
  const query = <Req, Res>(method: string, request: Parameters<typeof chain.query<Req, Res>>[1], fields: object, response: Parameters<typeof chain.query<Req, Res>>[3]) =>
    chain.query(`${Q}/${method}`, request, fields, response);
  const balance = async (address: string) => BigInt((await chain.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address, denom: "uxprt" }, QueryBalanceResponse)).balance!.amount);
  const pool = async () => uxprtDec((await query("CommunityPool", QueryCommunityPoolRequest, {}, QueryCommunityPoolResponse)).pool);

  beforeAll(async () => {
    const signers = await Promise.all([1, 2, 3].map((seed) => TestSigner.fromSeed(seed)));
    chain = await AppHarness.start({ genesis: fundedGenesis(signers) });
    [validator, alice, bob] = signers.map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet, Wallet];
    valoper = valoperOf(validator);
    const created = await chain.block([await validator.tx(createValidatorMsg(validator, 1, 10_000_000n, ONE / 10n))]);
    expect(created.txResults[0]!.code, created.txResults[0]!.log).toBe(0);
    // Block 2: no votes yet, so block 1's fee goes to the pool; Alice delegates and Bob funds the pool.
    const fund = { typeUrl: MsgFundCommunityPool.typeUrl, value: MsgFundCommunityPool.fromPartial({ depositor: bob.address, amount: [{ denom: "uxprt", amount: "1000" }] }) };
    const second = await chain.block([await alice.tx(delegateMsg(alice, valoper, 30_000_000n)), await bob.tx(fund)]);
    expect(second.txResults.map((r) => r.code)).toEqual([0, 0]);
    expect(await pool()).toBe((FEE + 1000n) * ONE);
    const third = await block([]);
    expect(attributes(third, "commission")).toEqual([{ amount: "980.000000000000000000uxprt", validator: valoper }]);
    expect(attributes(third, "rewards")).toEqual([{ amount: "8820.000000000000000000uxprt", validator: valoper }]);
  });
  afterAll(() => chain.close());

  it("reports rewards, commission, outstanding rewards and the pool as allocated", async () => {
    const rewards = await query("DelegationRewards", QueryDelegationRewardsRequest, { delegatorAddress: alice.address, validatorAddress: valoper }, QueryDelegationRewardsResponse);
    expect(uxprtDec(rewards.rewards)).toBe(dec("6615"));
    const total = await query("DelegationTotalRewards", QueryDelegationTotalRewardsRequest, { delegatorAddress: validator.address }, QueryDelegationTotalRewardsResponse);
    expect(total.rewards.map((r) => [r.validatorAddress, uxprtDec(r.reward)])).toEqual([[valoper, dec("2205")]]);
    expect(uxprtDec(total.total)).toBe(dec("2205"));
    const commission = await query("ValidatorCommission", QueryValidatorCommissionRequest, { validatorAddress: valoper }, QueryValidatorCommissionResponse);
    expect(uxprtDec(commission.commission!.commission)).toBe(dec("980"));
    const outstanding = await query("ValidatorOutstandingRewards", QueryValidatorOutstandingRewardsRequest, { validatorAddress: valoper }, QueryValidatorOutstandingRewardsResponse);
    expect(uxprtDec(outstanding.rewards!.rewards)).toBe(dec("9800"));
    expect(await pool()).toBe((FEE + 1000n + 200n) * ONE);
    expect((await query("DelegatorValidators", QueryDelegatorValidatorsRequest, { delegatorAddress: alice.address }, QueryDelegatorValidatorsResponse)).validators).toEqual([valoper]);
    expect(await balance(DISTRIBUTION)).toBe(9800n + FEE + 1000n + 200n);

    // CosmJS's distribution extension reads the same (DecCoin amounts as the 18-decimal integer).
    const comet = {
      abciQuery: async (params: { path: string; data: Uint8Array }) => ({ ...(await chain.app.query({ path: params.path, data: params.data, height: 0n, prove: false })), height: Number(chain.height) }),
    } as unknown as CometClient;
    const cosmjs = QueryClient.withExtensions(comet, setupDistributionExtension).distribution;
    expect((await cosmjs.delegationTotalRewards(alice.address)).total).toEqual([{ denom: "uxprt", amount: dec("6615").toString() }]);
    expect((await cosmjs.communityPool()).pool).toEqual([{ denom: "uxprt", amount: ((FEE + 1200n) * ONE).toString() }]);
  });

  it("withdraws a delegator's rewards (CosmJS withdrawRewards' message) to its withdraw address, and the commission", async () => {
    const setAddress = { typeUrl: MsgSetWithdrawAddress.typeUrl, value: MsgSetWithdrawAddress.fromPartial({ delegatorAddress: alice.address, withdrawAddress: bob.address }) };
    const withdraw = { typeUrl: MsgWithdrawDelegatorReward.typeUrl, value: MsgWithdrawDelegatorReward.fromPartial({ delegatorAddress: alice.address, validatorAddress: valoper }) };
    const commission = { typeUrl: MsgWithdrawValidatorCommission.typeUrl, value: MsgWithdrawValidatorCommission.fromPartial({ validatorAddress: valoper }) };
    const before = { alice: await balance(alice.address), bob: await balance(bob.address), validator: await balance(validator.address) };
    const result = await block([await alice.tx(setAddress, withdraw), await validator.tx(commission)]);
    expect(result.txResults.map((r) => r.code)).toEqual([0, 0]);
    expect(attributes({ events: result.txResults[0]!.events }, "set_withdraw_address")).toEqual([{ withdraw_address: bob.address }]);
    expect(attributes({ events: result.txResults[0]!.events }, "withdraw_rewards")).toEqual([{ amount: "6615uxprt", validator: valoper, delegator: alice.address }]);
    expect(attributes({ events: result.txResults[1]!.events }, "withdraw_commission")).toEqual([{ amount: "980uxprt" }]);
    expect(await balance(alice.address)).toBe(before.alice - FEE);
    expect(await balance(bob.address)).toBe(before.bob + 6615n);
    expect(await balance(validator.address)).toBe(before.validator - FEE + 980n);
    expect((await query("DelegatorWithdrawAddress", QueryDelegatorWithdrawAddressRequest, { delegatorAddress: alice.address }, QueryDelegatorWithdrawAddressResponse)).withdrawAddress).toBe(bob.address);
    const rewards = await query("DelegationRewards", QueryDelegationRewardsRequest, { delegatorAddress: alice.address, validatorAddress: valoper }, QueryDelegationRewardsResponse);
    expect(rewards.rewards).toEqual([]);
  });

  it("refuses what it cannot do, charging only the fee", async () => {
    const bobValoper = valoperOf(bob);
    const cases: [string, { typeUrl: string; value: unknown }, Wallet, string, number][] = [
      ["no delegation", { typeUrl: MsgWithdrawDelegatorReward.typeUrl, value: MsgWithdrawDelegatorReward.fromPartial({ delegatorAddress: bob.address, validatorAddress: valoper }) }, bob, "distribution", 5],
      ["no such validator", { typeUrl: MsgWithdrawDelegatorReward.typeUrl, value: MsgWithdrawDelegatorReward.fromPartial({ delegatorAddress: bob.address, validatorAddress: bobValoper }) }, bob, "distribution", 12],
      ["no commission", { typeUrl: MsgWithdrawValidatorCommission.typeUrl, value: MsgWithdrawValidatorCommission.fromPartial({ validatorAddress: bobValoper }) }, bob, "distribution", 7],
      ["module account as withdraw address", { typeUrl: MsgSetWithdrawAddress.typeUrl, value: MsgSetWithdrawAddress.fromPartial({ delegatorAddress: bob.address, withdrawAddress: DISTRIBUTION }) }, bob, "sdk", 4],
      ["funding beyond the balance", { typeUrl: MsgFundCommunityPool.typeUrl, value: MsgFundCommunityPool.fromPartial({ depositor: bob.address, amount: [{ denom: "uxprt", amount: "10000000000000" }] }) }, bob, "sdk", 5],
    ];
    for (const [name, msg, wallet, codespace, code] of cases) {
      // Without votes, this block's allocation moves what the fee collector holds into the pool, and nothing else.
      const poolBefore = await pool();
      const fees = await balance(FEE_COLLECTOR);
      const before = await balance(wallet.address);
      const books = () => ({ ...(chain.app.exportGenesis().distribution as Record<string, unknown>), fee_pool: undefined });
      const booksBefore = books();
      const result = (await chain.block([await wallet.tx(msg)])).txResults[0]!;
      expect([name, result.codespace, result.code]).toEqual([name, codespace, code]);
      expect(await balance(wallet.address)).toBe(before - FEE);
      expect(await pool()).toBe(poolBefore + fees * ONE);
      expect(books()).toEqual(booksBefore);
    }
    const empty = { typeUrl: MsgFundCommunityPool.typeUrl, value: MsgFundCommunityPool.fromPartial({ depositor: bob.address, amount: [] }) };
    const refused = (await chain.block([await bob.tx(empty)])).txResults[0]!;
    expect([refused.codespace, refused.code]).toEqual(["sdk", 10]);
  });
});
