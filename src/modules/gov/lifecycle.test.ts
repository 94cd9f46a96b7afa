import { CommunityPoolSpendProposal } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1 from "cosmjs-types/cosmos/gov/v1/tx";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { beforeEach, describe, expect, it } from "vitest";
import { isError, type AppError } from "../../types/errors.js";
import { GOV_AUTHORITY } from "./content.js";
import { GovStore } from "./store.js";
import { addr, bech, GOV_ADDRESS, GovWorld, POOL_ADDRESS } from "./test-fixture.js";

const M = 1_000_000n;
const OP1 = addr(1);
const OP2 = addr(2);
const ALICE = addr(10);
const BOB = addr(11);
const CAROL = addr(12);
const VOTING = 100n;
const DEPOSITING = 50n;

const text = (title = "Signal", description = "Do the thing"): Any => ({ typeUrl: TextProposal.typeUrl, value: TextProposal.encode({ title, description }).finish() });
const paramChange = (...changes: [string, string, string][]): Any => ({
  typeUrl: ParameterChangeProposal.typeUrl,
  value: ParameterChangeProposal.encode({ title: "Params", description: "Change params", changes: changes.map(([subspace, key, value]) => ({ subspace, key, value })) }).finish(),
});
const spend = (recipient: string, amount: bigint): Any => ({
  typeUrl: CommunityPoolSpendProposal.typeUrl,
  value: CommunityPoolSpendProposal.encode({ title: "Grant", description: "Pay a grant", recipient, amount: [{ denom: "uxprt", amount: amount.toString() }] }).finish(),
});
const submit = (proposer: Uint8Array, content: Any, deposit = 1n * M, denom = "uxprt") => ({
  typeUrl: v1beta1.MsgSubmitProposal.typeUrl,
  value: v1beta1.MsgSubmitProposal.fromPartial({ content, proposer: bech(proposer[0]!), initialDeposit: deposit === 0n ? [] : [{ denom, amount: deposit.toString() }] }),
});
const vote = (voter: Uint8Array, id: bigint, option: VoteOption) => ({ typeUrl: v1.MsgVote.typeUrl, value: v1.MsgVote.fromPartial({ proposalId: id, voter: bech(voter[0]!), option }) });
const weighted = (voter: Uint8Array, id: bigint, options: [VoteOption, string][]) => ({
  typeUrl: v1beta1.MsgVoteWeighted.typeUrl,
  value: v1beta1.MsgVoteWeighted.fromPartial({ proposalId: id, voter: bech(voter[0]!), options: options.map(([option, weight]) => ({ option, weight })) }),
});
const deposit = (depositor: Uint8Array, id: bigint, amount: bigint, denom = "uxprt") => ({
  typeUrl: v1.MsgDeposit.typeUrl,
  value: v1.MsgDeposit.fromPartial({ proposalId: id, depositor: bech(depositor[0]!), amount: [{ denom, amount: amount.toString() }] }),
});

function ok(result: AppError | Event[]): Event[] {
  if (isError(result)) throw new Error(`unexpected failure: ${result.log}`);
  return result;
}

function attributes(events: readonly Event[], type: string): Record<string, string>[] {
  return events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));
}

function expectRejected(world: GovWorld, message: { typeUrl: string; value: unknown }, codespace: string, code: number): AppError {
  const before = world.snapshot();
  const result = world.tx(message);
  if (!isError(result)) throw new Error("expected a failure");
  expect([result.codespace, result.code]).toEqual([codespace, code]);
  expect(world.snapshot()).toBe(before);
  return result;
}

/**
 * Two bonded validators: V1 (operator OP1, 500 XPRT self-bonded, 100 from ALICE) and V2 (OP2,
 * 300 self-bonded, 100 from BOB): 1,000 XPRT bonded. Votes last 100 s, deposits 50 s; min deposit 1 XPRT.
 */
function world(params: Record<string, unknown> = {}, options: { slashV1?: boolean } = {}): GovWorld {
  const w = new GovWorld();
  w.staking.addValidator(OP1, options.slashV1 ? 540n * M : 600n * M, 600n * M);
  w.staking.addValidator(OP2, 400n * M);
  w.staking.delegate(OP1, OP1, 500n * M);
  w.staking.delegate(ALICE, OP1, 100n * M);
  w.staking.delegate(OP2, OP2, 300n * M);
  w.staking.delegate(BOB, OP2, 100n * M);
  const funds = [{ denom: "uusd", amount: 1000n * M }, { denom: "uxprt", amount: 10_000n * M }];
  const error = w.init(
    { gov: { params: { min_deposit: [{ denom: "uxprt", amount: "1000000" }], voting_period: `${VOTING}s`, max_deposit_period: `${DEPOSITING}s`, ...params } } },
    [...[OP1, OP2, ALICE, BOB, CAROL].map((address) => ({ address, coins: funds })), { address: POOL_ADDRESS, coins: [{ denom: "uxprt", amount: 50n * M }] }],
  );
  if (error) throw new Error(error.log);
  return w;
}

const proposal = (w: GovWorld, id: bigint) => new GovStore(w.ctx()).proposal(id);

describe("gov proposals through their life", () => {
  let w: GovWorld;
  beforeEach(() => {
    w = world();
  });

  it("passes a param change: the market maker fee and a new KYC provider take effect, the deposit comes back", () => {
    const change = paramChange(["market", "maker_fee_rate", '"0.002"'], ["identity", "providers", JSON.stringify([{ address: bech(30), name: "New KYC" }])]);
    const events = ok(w.tx(submit(ALICE, change)));
    expect(attributes(events, "submit_proposal")).toEqual([
      { proposal_id: "1", proposal_proposer: bech(10), proposal_messages: ",/cosmos.gov.v1.MsgExecLegacyContent" },
      { voting_period_start: "1" },
    ]);
    expect(attributes(events, "proposal_deposit")).toEqual([{ amount: "1000000uxprt", proposal_id: "1", depositor: bech(10) }]);
    expect(w.balance(ALICE)).toBe(9_999n * M);
    expect(w.balance(GOV_ADDRESS)).toBe(1n * M);

    const voted = ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_YES)));
    expect(attributes(voted, "proposal_vote")).toEqual([{ voter: bech(1), option: 'option:VOTE_OPTION_YES weight:"1.000000000000000000"', proposal_id: "1" }]);
    ok(w.tx(vote(OP2, 1n, VoteOption.VOTE_OPTION_YES)));
    expect(w.advance(VOTING - 1n)).toEqual([]);
    const end = w.advance(1n);
    expect(attributes(end, "active_proposal")).toEqual([{ proposal_id: "1", proposal_result: "proposal_passed", proposal_log: "passed" }]);

    expect(w.market.getParams(w.ctx()).makerFeeRate).toBe(2n * 10n ** 15n);
    const identity = w.modules.find((m) => m.name === "identity")!.params!.get(w.ctx());
    expect(identity.providers).toEqual([{ address: bech(30), name: "New KYC" }]);
    const passed = proposal(w, 1n)!;
    expect(passed.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(passed.finalTallyResult).toEqual({ yesCount: String(1000n * M), abstainCount: "0", noCount: "0", noWithVetoCount: "0" });
    expect(w.balance(ALICE)).toBe(10_000n * M);
    expect(w.balance(GOV_ADDRESS)).toBe(0n);
    expect([...new GovStore(w.ctx()).votes(1n).iterate()]).toEqual([]);
  });

  it("rejects a proposal short of quorum and burns its deposit when burn_vote_quorum is set", () => {
    w = world({ burn_vote_quorum: true });
    ok(w.tx(submit(ALICE, text())));
    ok(w.tx(vote(BOB, 1n, VoteOption.VOTE_OPTION_YES)));
    const supply = w.supply();
    const end = w.advance(VOTING);
    expect(attributes(end, "active_proposal")).toEqual([{ proposal_id: "1", proposal_result: "proposal_rejected", proposal_log: "rejected" }]);
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(proposal(w, 1n)!.finalTallyResult!.yesCount).toBe(String(100n * M));
    expect(w.supply()).toBe(supply - 1n * M);
    expect(w.balance(GOV_ADDRESS)).toBe(0n);
    expect(w.balance(ALICE)).toBe(9_999n * M);
  });

  it("refunds a proposal short of quorum when burn_vote_quorum is off", () => {
    ok(w.tx(submit(ALICE, text())));
    w.advance(VOTING);
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(w.balance(ALICE)).toBe(10_000n * M);
  });

  it("burns the deposit of a vetoed proposal", () => {
    ok(w.tx(submit(ALICE, text())));
    ok(w.tx(deposit(CAROL, 1n, 2n * M)));
    ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_NO_WITH_VETO)));
    ok(w.tx(vote(OP2, 1n, VoteOption.VOTE_OPTION_YES)));
    const supply = w.supply();
    w.advance(VOTING);
    const vetoed = proposal(w, 1n)!;
    expect(vetoed.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(vetoed.finalTallyResult).toEqual({ yesCount: String(400n * M), abstainCount: "0", noCount: "0", noWithVetoCount: String(600n * M) });
    expect(w.supply()).toBe(supply - 3n * M);
    expect([w.balance(ALICE), w.balance(CAROL)]).toEqual([9_999n * M, 9_998n * M]);
  });

  it("drops a proposal that never reaches the min deposit and burns what was deposited", () => {
    const events = ok(w.tx(submit(ALICE, text(), M / 2n)));
    expect(attributes(events, "submit_proposal")).toHaveLength(1);
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
    expectRejected(w, vote(OP1, 1n, VoteOption.VOTE_OPTION_YES), "gov", 3);
    ok(w.tx(deposit(BOB, 1n, M / 4n)));
    const supply = w.supply();
    const end = w.advance(DEPOSITING);
    expect(attributes(end, "inactive_proposal")).toEqual([{ proposal_id: "1", proposal_result: "proposal_dropped" }]);
    expect(proposal(w, 1n)).toBeUndefined();
    expect(w.supply()).toBe(supply - (3n * M) / 4n);
    expect(w.balance(GOV_ADDRESS)).toBe(0n);
  });

  it("refunds a dropped proposal's deposits when burn_proposal_deposit_prevote is off", () => {
    w = world({ burn_proposal_deposit_prevote: false });
    ok(w.tx(submit(ALICE, text(), M / 2n)));
    w.advance(DEPOSITING);
    expect(w.balance(ALICE)).toBe(10_000n * M);
  });

  it("starts the voting period when a later deposit completes the min deposit", () => {
    ok(w.tx(submit(ALICE, text(), M / 2n)));
    const events = ok(w.tx(deposit(BOB, 1n, M / 2n)));
    expect(attributes(events, "proposal_deposit")).toEqual([{ amount: "500000uxprt", proposal_id: "1", depositor: bech(11) }, { voting_period_start: "1" }]);
    const started = proposal(w, 1n)!;
    expect(started.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(started.votingEndTime!.seconds).toBe(w.seconds + VOTING);
    // The old deposit deadline no longer drops it.
    w.advance(DEPOSITING);
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
  });

  it("counts delegators with their validator unless they vote themselves (slashed validator, rounding down)", () => {
    w = world({}, { slashV1: true });
    ok(w.tx(submit(ALICE, text())));
    ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_YES)));
    ok(w.tx(vote(ALICE, 1n, VoteOption.VOTE_OPTION_NO)));
    ok(w.tx(vote(OP2, 1n, VoteOption.VOTE_OPTION_ABSTAIN)));
    // V1: 540 tokens for 600 shares. ALICE's 100 shares → 90 XPRT no; V1 keeps 500 shares → 450 yes.
    // V2: OP2's own 300 shares and BOB's 100 (inherited) → 400 abstain.
    const live = w.gov.currentTally(w.ctx(), proposal(w, 1n)!);
    expect(live).toEqual({ yesCount: String(450n * M), abstainCount: String(400n * M), noCount: String(90n * M), noWithVetoCount: "0" });
    ok(w.tx(vote(BOB, 1n, VoteOption.VOTE_OPTION_NO)));
    const after = w.gov.currentTally(w.ctx(), proposal(w, 1n)!);
    expect(after).toEqual({ yesCount: String(450n * M), abstainCount: String(300n * M), noCount: String(190n * M), noWithVetoCount: "0" });
    w.advance(VOTING);
    // yes 450 / non-abstain 640 > 0.5: passes.
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
  });

  it("tallies weighted votes, a later vote replacing an earlier one, and fails at exactly the threshold", () => {
    ok(w.tx(submit(ALICE, text())));
    ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_NO)));
    ok(w.tx(weighted(OP1, 1n, [[VoteOption.VOTE_OPTION_YES, "700000000000000000"], [VoteOption.VOTE_OPTION_NO, "300000000000000000"]])));
    ok(w.tx(weighted(OP2, 1n, [[VoteOption.VOTE_OPTION_YES, "200000000000000000"], [VoteOption.VOTE_OPTION_NO, "800000000000000000"]])));
    // 600 × 0.7 + 400 × 0.2 = 500 yes; 180 + 320 = 500 no: yes is not above 50%.
    expect(w.gov.currentTally(w.ctx(), proposal(w, 1n)!)).toEqual({ yesCount: String(500n * M), abstainCount: "0", noCount: String(500n * M), noWithVetoCount: "0" });
    w.advance(VOTING);
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
  });

  it("reverts a passed proposal whose execution fails and records why", () => {
    const before = w.market.getParams(w.ctx());
    ok(w.tx(submit(ALICE, paramChange(["market", "maker_fee_rate", '"0.003"'], ["market", "taker_fee_rate", '"2"']))));
    ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_YES)));
    const end = w.advance(VOTING);
    const [active] = attributes(end, "active_proposal");
    expect(active!.proposal_result).toBe("proposal_failed");
    expect(active!.proposal_log).toContain("taker_fee_rate must be a decimal in [0, 1)");
    const failed = proposal(w, 1n)!;
    expect(failed.status).toBe(ProposalStatus.PROPOSAL_STATUS_FAILED);
    expect(failed.failedReason).toBe(active!.proposal_log);
    expect(w.market.getParams(w.ctx())).toEqual(before);
    expect(w.balance(ALICE)).toBe(10_000n * M);
  });

  it("pays a community pool spend, and fails one the pool cannot cover", () => {
    ok(w.tx(submit(ALICE, spend(bech(40), 20n * M))));
    ok(w.tx(submit(ALICE, spend(bech(40), 60n * M))));
    ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_YES)));
    ok(w.tx(vote(OP1, 2n, VoteOption.VOTE_OPTION_YES)));
    w.advance(VOTING);
    expect(proposal(w, 1n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(proposal(w, 2n)!.status).toBe(ProposalStatus.PROPOSAL_STATUS_FAILED);
    expect(w.balance(addr(40))).toBe(20n * M);
    expect(w.balance(POOL_ADDRESS)).toBe(30n * M);
  });

  it("changes gov's own params through a proposal", () => {
    ok(w.tx(submit(ALICE, paramChange(["gov", "voting_period", '"10s"'], ["gov", "quorum", '"0.5"']))));
    ok(w.tx(vote(OP1, 1n, VoteOption.VOTE_OPTION_YES)));
    w.advance(VOTING);
    expect(w.gov.params(w.ctx()).votingPeriod).toEqual({ seconds: 10n, nanos: 0 });
    expect(w.gov.params(w.ctx()).quorum).toBe(5n * 10n ** 17n);
  });

  it("accepts v1 MsgSubmitProposal with MsgExecLegacyContent and v1 weighted votes", () => {
    const exec = { typeUrl: v1.MsgExecLegacyContent.typeUrl, value: v1.MsgExecLegacyContent.encode({ content: text(), authority: GOV_AUTHORITY }).finish() };
    ok(w.tx({ typeUrl: v1.MsgSubmitProposal.typeUrl, value: v1.MsgSubmitProposal.fromPartial({ messages: [exec], initialDeposit: [{ denom: "uxprt", amount: "1000000" }], proposer: bech(10), title: "T", summary: "S", metadata: "ipfs://x" }) }));
    ok(w.tx({ typeUrl: v1.MsgVoteWeighted.typeUrl, value: v1.MsgVoteWeighted.fromPartial({ proposalId: 1n, voter: bech(1), options: [{ option: VoteOption.VOTE_OPTION_YES, weight: "0.5" }, { option: VoteOption.VOTE_OPTION_ABSTAIN, weight: "0.5" }] }) }));
    expect(new GovStore(w.ctx()).vote(1n, OP1)!.options).toEqual([
      { option: VoteOption.VOTE_OPTION_YES, weight: "0.500000000000000000" },
      { option: VoteOption.VOTE_OPTION_ABSTAIN, weight: "0.500000000000000000" },
    ]);
    expect(proposal(w, 1n)!.metadata).toBe("ipfs://x");
  });
});

describe("gov rejects, changing nothing", () => {
  let w: GovWorld;
  beforeEach(() => {
    w = world();
    ok(w.tx(submit(ALICE, text())));
  });

  it("votes on unknown or finished proposals, and after the voting end", () => {
    expectRejected(w, vote(OP1, 9n, VoteOption.VOTE_OPTION_YES), "gov", 2);
    w.advance(VOTING);
    expectRejected(w, vote(OP1, 1n, VoteOption.VOTE_OPTION_YES), "gov", 3);
  });

  it("invalid vote options and weights that do not sum to exactly 1", () => {
    expectRejected(w, vote(OP1, 1n, VoteOption.VOTE_OPTION_UNSPECIFIED), "gov", 7);
    expectRejected(w, weighted(OP1, 1n, [[VoteOption.VOTE_OPTION_YES, "500000000000000000"], [VoteOption.VOTE_OPTION_NO, "400000000000000000"]]), "gov", 7);
    expectRejected(w, weighted(OP1, 1n, [[VoteOption.VOTE_OPTION_YES, "600000000000000000"], [VoteOption.VOTE_OPTION_NO, "500000000000000000"]]), "gov", 7);
    expectRejected(w, weighted(OP1, 1n, [[VoteOption.VOTE_OPTION_YES, "500000000000000000"], [VoteOption.VOTE_OPTION_YES, "500000000000000000"]]), "gov", 7);
    expectRejected(w, weighted(OP1, 1n, [[VoteOption.VOTE_OPTION_YES, "0.5"], [VoteOption.VOTE_OPTION_NO, "0.5"]]), "gov", 7);
  });

  it("deposits in a wrong denom, beyond the balance, or on unknown proposals", () => {
    const error = expectRejected(w, deposit(BOB, 1n, M, "uusd"), "gov", 23);
    expect(error.log).toBe("deposited 1000000uusd, but gov accepts only the following denom(s): [uxprt]: invalid deposit denom");
    expectRejected(w, deposit(BOB, 1n, 20_000n * M), "sdk", 5);
    expectRejected(w, deposit(BOB, 7n, M), "gov", 2);
    expectRejected(w, submit(BOB, text(), M, "uusd"), "gov", 23);
  });

  it("param changes with invalid JSON, an unknown subspace or key", () => {
    expectRejected(w, submit(BOB, paramChange(["market", "maker_fee_rate", "0.002%"])), "gov", 5);
    expectRejected(w, submit(BOB, paramChange(["market", "maker_fee_rate", ""])), "params", 7);
    expectRejected(w, submit(BOB, paramChange(["nonexistent", "x", "1"])), "params", 2);
    expectRejected(w, submit(BOB, paramChange(["market", "no_such_key", "1"])), "params", 3);
  });

  it("an initial deposit below min_initial_deposit_ratio, blank content and foreign v1 messages", () => {
    w = world({ min_initial_deposit_ratio: "0.5" });
    expectRejected(w, submit(BOB, text(), M / 2n - 1n), "gov", 16);
    ok(w.tx(submit(BOB, text(), M / 2n)));
    expectRejected(w, submit(BOB, text(" ", "x")), "gov", 5);
    const foreign = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: new Uint8Array(0) };
    const v1Submit = (messages: Any[]) => ({ typeUrl: v1.MsgSubmitProposal.typeUrl, value: v1.MsgSubmitProposal.fromPartial({ messages, proposer: bech(11), title: "T", summary: "S" }) });
    expectRejected(w, v1Submit([foreign]), "gov", 10);
    expectRejected(w, v1Submit([]), "gov", 11);
    const wrongAuthority = { typeUrl: v1.MsgExecLegacyContent.typeUrl, value: v1.MsgExecLegacyContent.encode({ content: text(), authority: bech(11) }).finish() };
    expectRejected(w, v1Submit([wrongAuthority]), "gov", 13);
  });

  it("a community pool spend when the chain has no distribution module", () => {
    w = new GovWorld({ withDistribution: false });
    expect(w.init({}, [{ address: BOB, coins: [{ denom: "uxprt", amount: 1000n * M }] }])).toBeUndefined();
    expectRejected(w, submit(BOB, spend(bech(40), M), 512n * M), "gov", 9);
  });
});
