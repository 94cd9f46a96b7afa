import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1 from "cosmjs-types/cosmos/gov/v1/tx";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { describe, expect, it } from "vitest";
import { isError } from "../../types/errors.js";
import { defaultGovGenesis, exportGovGenesis } from "./genesis.js";
import { addr, bech, GOV_ADDRESS, GovWorld } from "./test-fixture.js";

const M = 1_000_000n;
const text = { typeUrl: TextProposal.typeUrl, value: TextProposal.encode({ title: "T", description: "D" }).finish() };
const submit = (who: number, amount: bigint) => ({
  typeUrl: v1beta1.MsgSubmitProposal.typeUrl,
  value: v1beta1.MsgSubmitProposal.fromPartial({ content: text, proposer: bech(who), initialDeposit: [{ denom: "uxprt", amount: amount.toString() }] }),
});

function funded(genesis: Record<string, unknown> = {}, deposits = 0n): GovWorld | string {
  const w = new GovWorld();
  const error = w.init(genesis, [
    { address: addr(10), coins: [{ denom: "uxprt", amount: 1000n * M }] },
    ...(deposits > 0n ? [{ address: GOV_ADDRESS, coins: [{ denom: "uxprt", amount: deposits }] }] : []),
  ]);
  return error ? error.log : w;
}

describe("gov genesis", () => {
  it("exports what it imports: params, open and finished proposals, deposits and votes", () => {
    const w = funded({ gov: { params: { voting_period: "10s", min_deposit: [{ denom: "uxprt", amount: "1000000" }] } } }) as GovWorld;
    w.staking.addValidator(addr(1), 100n * M);
    expect(isError(w.tx(submit(10, M)))).toBe(false);
    expect(isError(w.tx(submit(10, M / 2n)))).toBe(false);
    expect(isError(w.tx({ typeUrl: v1.MsgVote.typeUrl, value: v1.MsgVote.fromPartial({ proposalId: 1n, voter: bech(1), option: VoteOption.VOTE_OPTION_YES }) }))).toBe(false);
    const exported = exportGovGenesis(w.ctx()) as Record<string, unknown>;
    expect(exported.starting_proposal_id).toBe("3");
    expect((exported.proposals as unknown[]).length).toBe(2);
    const again = funded({ gov: exported }, (3n * M) / 2n);
    if (typeof again === "string") throw new Error(again);
    expect(exportGovGenesis(again.ctx())).toEqual(exported);
    // The re-imported proposals are queued: voting still ends and passes.
    again.staking.addValidator(addr(1), 100n * M);
    again.advance(10n);
    expect((exportGovGenesis(again.ctx()) as { proposals: { status: string }[] }).proposals[0]!.status).toBe("PROPOSAL_STATUS_PASSED");
  });

  it("default genesis round-trips", () => {
    const w = funded() as GovWorld;
    expect(exportGovGenesis(w.ctx())).toEqual(defaultGovGenesis());
  });

  it("refuses invalid params, ids, deposits that do not match, and votes on closed proposals", () => {
    const w = funded({ gov: { params: { voting_period: "10s", min_deposit: [{ denom: "uxprt", amount: "1000000" }] } } }) as GovWorld;
    w.tx(submit(10, M));
    w.tx({ typeUrl: v1.MsgVote.typeUrl, value: v1.MsgVote.fromPartial({ proposalId: 1n, voter: bech(1), option: VoteOption.VOTE_OPTION_YES }) });
    const good = exportGovGenesis(w.ctx()) as Record<string, unknown>;
    const cases: [Record<string, unknown>, bigint, string][] = [
      [{ ...good, params: { quorum: "1.5" } }, M, "quorum must be a decimal"],
      [{ ...good, params: { voting_period: "0s" } }, M, "voting_period must be a positive duration"],
      [{ ...good, starting_proposal_id: "1" }, M, "below starting_proposal_id"],
      [good, 2n * M, "the gov module account holds 2000000uxprt but deposits total 1000000uxprt"],
      [{ ...good, deposits: [] }, 0n, "total_deposit differs"],
      [{ ...good, votes: [...(good.votes as unknown[]), { proposal_id: "1", voter: bech(1), options: [{ option: "VOTE_OPTION_YES", weight: "0.5" }] }] }, M, "total weight"],
      [{ ...good, proposals: [{ ...(good.proposals as Record<string, unknown>[])[0], status: "PROPOSAL_STATUS_PASSED" }] }, M, "not in its deposit or voting period"],
    ];
    for (const [genesis, held, message] of cases) {
      const result = funded({ gov: genesis }, held);
      expect(typeof result === "string" ? result : "accepted").toContain(message);
    }
  });
});
