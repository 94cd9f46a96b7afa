import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1q from "cosmjs-types/cosmos/gov/v1/query";
import * as v1 from "cosmjs-types/cosmos/gov/v1/tx";
import * as v1beta1q from "cosmjs-types/cosmos/gov/v1beta1/query";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import { MsgDelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QueryParamsRequest, QueryParamsResponse } from "../../generated/persistence/market/v1/query.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { sha256 } from "../../store/hash.js";
import { isError } from "../../types/errors.js";
import { withGenesisValidators } from "../staking/genesis-builder.js";
import { VALOPER_PREFIX } from "../staking/keys.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { GOV_AUTHORITY } from "./content.js";

const XPRT = 1_000_000n;
const encode = <T>(codec: { typeUrl: string; encode(m: T): { finish(): Uint8Array } }, message: T) => ({ typeUrl: codec.typeUrl, value: codec.encode(message).finish() });

class Account {
  private sequence = 0n;
  constructor(
    readonly signer: TestSigner,
    readonly number: bigint,
  ) {}
  get address(): string {
    return this.signer.address;
  }
  tx(...messages: { typeUrl: string; value: Uint8Array }[]): Promise<Uint8Array> {
    return this.signer.sign({ messages, chainId: TEST_CHAIN_ID, accountNumber: this.number, sequence: this.sequence++ });
  }
}

const makerFeeChange = (rate: string) => {
  const content = { typeUrl: ParameterChangeProposal.typeUrl, value: ParameterChangeProposal.encode({ title: "Maker fee", description: "Raise it", changes: [{ subspace: "market", key: "maker_fee_rate", value: JSON.stringify(rate) }] }).finish() };
  return encode(v1.MsgExecLegacyContent, { content, authority: GOV_AUTHORITY });
};

/** The real app: one genesis validator (account 0, 600 XPRT) that ALICE (account 1) delegates 400 XPRT to; votes last 3 blocks. */
describe("gov in the assembled app, with signed txs and real staking", { timeout: 60_000 }, () => {
  let chain: AppHarness;
  let validator: Account;
  let alice: Account;
  let bob: Account;

  beforeEach(async () => {
    const signers = await Promise.all([0, 1, 2].map((i) => TestSigner.fromSeed(700 + i)));
    const base = fundedGenesis(signers, 10_000n * XPRT);
    base.gov = { params: { min_deposit: [{ denom: "uxprt", amount: String(XPRT) }], voting_period: "3s", max_deposit_period: "3s" } };
    const genesis = withGenesisValidators(base, [{ account: signers[0]!.address, consensusPubkey: sha256(new Uint8Array([7])), selfDelegation: 600n * XPRT, moniker: "v0" }]);
    if (isError(genesis)) throw new Error(genesis.log);
    chain = await AppHarness.start({ genesis });
    [validator, alice, bob] = signers.map((s, i) => new Account(s, BigInt(i))) as [Account, Account, Account];
    const operator = encodeAddress(decodeAddress(validator.address) as Uint8Array, VALOPER_PREFIX);
    const delegated = await chain.block([await alice.tx(encode(MsgDelegate, { delegatorAddress: alice.address, validatorAddress: operator, amount: { denom: "uxprt", amount: String(400n * XPRT) } }))]);
    expect(delegated.txResults[0]!.code, delegated.txResults[0]!.log).toBe(0);
  });

  afterEach(async () => {
    await chain.close();
  });

  const proposalV1beta1 = (id: bigint) => chain.query("/cosmos.gov.v1beta1.Query/Proposal", v1beta1q.QueryProposalRequest, { proposalId: id }, v1beta1q.QueryProposalResponse);

  it("passes a v1 param-change proposal: the validator's vote carries, ALICE's own vote overrides hers, the market fee changes", async () => {
    const submitted = await chain.block([
      await bob.tx(encode(v1.MsgSubmitProposal, v1.MsgSubmitProposal.fromPartial({ messages: [makerFeeChange("0.004")], initialDeposit: [{ denom: "uxprt", amount: String(XPRT) }], proposer: bob.address, title: "Maker fee", summary: "Raise it" }))),
    ]);
    expect(submitted.txResults[0]!.code, submitted.txResults[0]!.log).toBe(0);

    const votes = await chain.block([
      await validator.tx(encode(v1beta1.MsgVote, { proposalId: 1n, voter: validator.address, option: VoteOption.VOTE_OPTION_YES as number })),
      await alice.tx(encode(v1beta1.MsgVote, { proposalId: 1n, voter: alice.address, option: VoteOption.VOTE_OPTION_NO as number })),
      await bob.tx(encode(v1beta1.MsgVote, { proposalId: 9n, voter: bob.address, option: VoteOption.VOTE_OPTION_NO as number })),
    ]);
    expect(votes.txResults.map((r) => [r.codespace, r.code])).toEqual([["", 0], ["", 0], ["gov", 2]]);

    const live = await chain.query("/cosmos.gov.v1beta1.Query/TallyResult", v1beta1q.QueryTallyResultRequest, { proposalId: 1n }, v1beta1q.QueryTallyResultResponse);
    expect(live.tally).toEqual({ yes: String(600n * XPRT), abstain: "0", no: String(400n * XPRT), noWithVeto: "0" });
    const voted = await chain.query("/cosmos.gov.v1.Query/Proposals", v1q.QueryProposalsRequest, { voter: alice.address }, v1q.QueryProposalsResponse);
    expect(voted.proposals.map((p) => p.id)).toEqual([1n]);
    const notVoted = await chain.query("/cosmos.gov.v1.Query/Proposals", v1q.QueryProposalsRequest, { voter: bob.address }, v1q.QueryProposalsResponse);
    expect(notVoted.proposals).toEqual([]);

    const before = await proposalV1beta1(1n);
    expect(before.proposal!.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(before.proposal!.content!.typeUrl).toBe(ParameterChangeProposal.typeUrl);

    let ended = await chain.block([]);
    while (!ended.events.some((e) => e.type === "active_proposal")) ended = await chain.block([]);
    const active = ended.events.find((e) => e.type === "active_proposal")!;
    expect(Object.fromEntries(active.attributes.map((a) => [a.key, a.value]))).toMatchObject({ proposal_id: "1", proposal_result: "proposal_passed", mode: "EndBlock" });

    const after = await proposalV1beta1(1n);
    expect(after.proposal!.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(after.proposal!.finalTallyResult).toEqual({ yes: String(600n * XPRT), abstain: "0", no: String(400n * XPRT), noWithVeto: "0" });
    const market = await chain.query("/persistence.market.v1.Query/Params", QueryParamsRequest, {}, QueryParamsResponse);
    expect(market.params!.makerFeeRate).toBe("0.004000000000000000");
  });

  it("serves v1beta1 params by type, deposits and weighted votes as LegacyDec integers", async () => {
    const tallying = await chain.query("/cosmos.gov.v1beta1.Query/Params", v1beta1q.QueryParamsRequest, { paramsType: "tallying" }, v1beta1q.QueryParamsResponse);
    expect(new TextDecoder().decode(tallying.tallyParams!.quorum)).toBe("334000000000000000");
    const deposit = await chain.query("/cosmos.gov.v1beta1.Query/Params", v1beta1q.QueryParamsRequest, { paramsType: "deposit" }, v1beta1q.QueryParamsResponse);
    expect(deposit.depositParams!.minDeposit).toEqual([{ denom: "uxprt", amount: String(XPRT) }]);

    const content = { typeUrl: ParameterChangeProposal.typeUrl, value: ParameterChangeProposal.encode({ title: "T", description: "D", changes: [{ subspace: "market", key: "maker_fee_rate", value: '"0.001"' }] }).finish() };
    await chain.block([await bob.tx(encode(v1beta1.MsgSubmitProposal, { content, initialDeposit: [{ denom: "uxprt", amount: String(XPRT) }], proposer: bob.address }))]);
    const weighted = await chain.block([
      await alice.tx(encode(v1beta1.MsgVoteWeighted, { proposalId: 1n, voter: alice.address, options: [{ option: 1, weight: "250000000000000000" }, { option: 3, weight: "750000000000000000" }] })),
    ]);
    expect(weighted.txResults[0]!.code, weighted.txResults[0]!.log).toBe(0);
    const vote = await chain.query("/cosmos.gov.v1beta1.Query/Vote", v1beta1q.QueryVoteRequest, { proposalId: 1n, voter: alice.address }, v1beta1q.QueryVoteResponse);
    expect(vote.vote!.options).toEqual([{ option: 1, weight: "250000000000000000" }, { option: 3, weight: "750000000000000000" }]);
    const deposits = await chain.query("/cosmos.gov.v1beta1.Query/Deposits", v1beta1q.QueryDepositsRequest, { proposalId: 1n }, v1beta1q.QueryDepositsResponse);
    expect(deposits.deposits).toEqual([{ proposalId: 1n, depositor: bob.address, amount: [{ denom: "uxprt", amount: String(XPRT) }] }]);
    const tally = await chain.query("/cosmos.gov.v1.Query/TallyResult", v1q.QueryTallyResultRequest, { proposalId: 1n }, v1q.QueryTallyResultResponse);
    expect(tally.tally).toEqual({ yesCount: String(100n * XPRT), abstainCount: "0", noCount: String(300n * XPRT), noWithVetoCount: "0" });
  });
});
