import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import * as govQuery from "cosmjs-types/cosmos/gov/v1/query";
import { MsgExecLegacyContent, MsgSubmitProposal, MsgVote } from "cosmjs-types/cosmos/gov/v1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import { QueryParamsRequest, QueryParamsResponse } from "cosmjs-types/cosmos/staking/v1beta1/query";
import { describe, expect, it } from "vitest";
import { CacheKV } from "../../store/cache-kv.js";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { GOV_AUTHORITY } from "../gov/content.js";
import { ErrInvalidParams, ErrMaxUnbondingDelegationEntries } from "./errors.js";
import { stakingParams } from "./gov-params.js";
import { StakingKeeper } from "./keeper.js";
import { withGenesisValidators } from "./genesis-builder.js";
import { consensusKey, delegateMsg, undelegateMsg, Wallet, XPRT } from "./test-fixture.js";

const DEFAULTS = { unbonding_time: "1814400s", max_validators: 100, max_entries: 7, historical_entries: 0, bond_denom: "uxprt", min_commission_rate: "0.000000000000000000" };

function world() {
  const unused = () => {
    throw new Error("params never move coins");
  };
  const keeper = new StakingKeeper({ getBalance: () => 0n, sendCoinsFromAccountToModule: unused, sendCoinsFromModuleToAccount: unused, sendCoinsFromModuleToModule: unused, burnCoins: unused });
  const empty = { get: () => undefined, has: () => false, iterate: () => [] };
  const ctx = new Context({ height: 1n, time: { seconds: 1n, nanos: 0 }, chainId: "test" }, "block", new CacheKV(empty), unmeteredGas());
  return { keeper, ctx, params: stakingParams(keeper) };
}

describe("staking governance params", () => {
  it("reads every param as genesis JSON and changes one at a time", () => {
    const { keeper, ctx, params } = world();
    expect(params.get(ctx)).toEqual(DEFAULTS);
    expect(params.set(ctx, "unbonding_time", "600s")).toBeUndefined();
    expect(params.set(ctx, "max_validators", 5)).toBeUndefined();
    expect(params.set(ctx, "max_entries", 2)).toBeUndefined();
    expect(params.set(ctx, "historical_entries", 10)).toBeUndefined();
    expect(params.set(ctx, "min_commission_rate", "0.05")).toBeUndefined();
    expect(params.set(ctx, "bond_denom", "uxprt")).toBeUndefined();
    expect(params.get(ctx)).toEqual({ unbonding_time: "600s", max_validators: 5, max_entries: 2, historical_entries: 10, bond_denom: "uxprt", min_commission_rate: "0.050000000000000000" });
    expect(keeper.getParams(ctx)).toMatchObject({ unbondingTime: { seconds: 600n, nanos: 0 }, maxValidators: 5, minCommissionRate: (ONE / 20n).toString() });
  });

  it("refuses what genesis refuses, a new bond denom and unknown keys, changing nothing", () => {
    const { ctx, params } = world();
    const refused: [string, unknown, string][] = [
      ["unbonding_time", "0s", "positive whole number of seconds"],
      ["unbonding_time", "21d", "positive whole number of seconds"],
      ["unbonding_time", 600, "positive whole number of seconds"],
      ["max_validators", 0, "positive integer"],
      ["max_validators", 1.5, "positive integer"],
      ["max_entries", "7", "positive integer"],
      ["historical_entries", -1, "non-negative integer"],
      ["min_commission_rate", "1.01", "from 0 to 1"],
      ["min_commission_rate", "-0.1", "from 0 to 1"],
      ["min_commission_rate", 0.05, "from 0 to 1"],
      ["bond_denom", "uusd", "fixed at genesis"],
      ["bond_denom", "", "fixed at genesis"],
      ["max_delegations", 1, "unknown staking param"],
    ];
    for (const [key, value, log] of refused) {
      const error = params.set(ctx, key, value);
      expect(ErrInvalidParams.is(error), `${key} = ${JSON.stringify(value)}`).toBe(true);
      expect(error!.log).toContain(log);
    }
    expect(params.get(ctx)).toEqual(DEFAULTS);
  });

  it("passes a param-change proposal in the assembled app (max_entries then binds), and fails one that changes the bond denom", { timeout: 60_000 }, async () => {
    const signers = await Promise.all([0, 1].map((i) => TestSigner.fromSeed(800 + i)));
    const base = fundedGenesis(signers, 10_000n * XPRT);
    base.gov = { params: { min_deposit: [{ denom: "uxprt", amount: String(XPRT) }], voting_period: "3s", max_deposit_period: "3s" } };
    const genesis = withGenesisValidators(base, [{ account: signers[0]!.address, consensusPubkey: consensusKey(0), selfDelegation: 600n * XPRT, moniker: "v0" }]);
    if (isError(genesis)) throw new Error(genesis.log);
    const chain = await AppHarness.start({ genesis });
    try {
      const [validator, delegator] = signers.map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet];
      const propose = async (key: string, value: unknown) => {
        const content = { typeUrl: ParameterChangeProposal.typeUrl, value: ParameterChangeProposal.encode({ title: `Staking ${key}`, description: "change it", changes: [{ subspace: "staking", key, value: JSON.stringify(value) }] }).finish() };
        const exec = { typeUrl: MsgExecLegacyContent.typeUrl, value: MsgExecLegacyContent.encode({ content, authority: GOV_AUTHORITY }).finish() };
        const submit = MsgSubmitProposal.fromPartial({ messages: [exec], initialDeposit: [{ denom: "uxprt", amount: String(XPRT) }], proposer: delegator.address, title: `Staking ${key}`, summary: "change it" });
        return delegator.tx({ typeUrl: MsgSubmitProposal.typeUrl, value: MsgSubmitProposal.encode(submit).finish() });
      };
      const submitted = await chain.block([await propose("max_entries", 2), await propose("bond_denom", "uusd")]);
      expect(submitted.txResults.map((r) => r.code), submitted.txResults.map((r) => r.log).join("; ")).toEqual([0, 0]);
      const vote = (id: bigint) => ({ typeUrl: MsgVote.typeUrl, value: MsgVote.encode(MsgVote.fromPartial({ proposalId: id, voter: validator.address, option: VoteOption.VOTE_OPTION_YES })).finish() });
      const voted = await chain.block([await validator.tx(vote(1n), vote(2n))]);
      expect(voted.txResults[0]!.code, voted.txResults[0]!.log).toBe(0);

      const status = async (id: bigint) => (await chain.query("/cosmos.gov.v1.Query/Proposal", govQuery.QueryProposalRequest, { proposalId: id }, govQuery.QueryProposalResponse)).proposal!;
      for (let i = 0; i < 4; i++) await chain.block([]);
      expect([(await status(1n)).status, (await status(2n)).status]).toEqual([ProposalStatus.PROPOSAL_STATUS_PASSED, ProposalStatus.PROPOSAL_STATUS_FAILED]);
      expect((await status(2n)).failedReason).toContain("bond_denom is fixed at genesis");
      const { params } = await chain.query("/cosmos.staking.v1beta1.Query/Params", QueryParamsRequest, {}, QueryParamsResponse);
      expect([params.maxEntries, params.bondDenom]).toEqual([2, "uxprt"]);

      await chain.block([await delegator.tx(delegateMsg(delegator.address, validator.operator, 10n * XPRT))]);
      for (const expected of [0, 0, ErrMaxUnbondingDelegationEntries.code]) {
        const result = await chain.block([await delegator.tx(undelegateMsg(delegator.address, validator.operator, XPRT))]);
        expect(result.txResults[0]!.code, result.txResults[0]!.log).toBe(expected);
      }
    } finally {
      await chain.close();
    }
  });
});
