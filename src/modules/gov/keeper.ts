import { Deposit, ProposalStatus, Vote, type Proposal, type TallyResult, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { encodeAddress } from "../../types/address.js";
import { addCoins, formatCoins, toProtoCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { runInBranch } from "./branch.js";
import { parseMessages, type Content } from "./content.js";
import {
  ErrInactiveProposal,
  ErrInvalidDepositDenom,
  ErrMinDepositTooSmall,
  ErrNoProposalHandlerExists,
  ErrSettingParameter,
  ErrUnknownProposal,
  ErrUnknownSubspace,
  ErrVotingPeriodEnded,
} from "./errors.js";
import {
  EVENT_PROPOSAL_DEPOSIT,
  EVENT_SUBMIT_PROPOSAL,
  RESULT_FAILED,
  RESULT_PASSED,
  RESULT_REJECTED,
  emitActiveProposal,
  emitDeposit,
  emitInactiveProposal,
  emitSubmitProposal,
  emitVote,
  emitVotingPeriodStart,
} from "./events.js";
import type { GovBankKeeper, GovDistributionKeeper, GovStakingKeeper, ParamsLookup } from "./expected-keepers.js";
import { GOV_ACCOUNT } from "./keys.js";
import type { GovParams } from "./params.js";
import { GovStore } from "./store.js";
import { EMPTY_TALLY, tallyOutcome, tallyVotes, voteOptions, type Tally } from "./tally.js";
import { addDuration, compareTimes } from "../../types/time.js";

/** Proposals whose deposit or voting period ended that one EndBlock settles, per queue; later ones wait a block. */
export const MAX_ENDED_PROPOSALS_PER_BLOCK = 10;

export interface GovKeeperDeps {
  bank: GovBankKeeper;
  staking: GovStakingKeeper;
  /** Absent while the chain has no distribution module: community pool spends are then refused. */
  distribution?: GovDistributionKeeper;
  /** The governance params of the module named by a ParameterChangeProposal's subspace. */
  params: ParamsLookup;
}

export interface NewProposal {
  messages: Any[];
  initialDeposit: Coin[];
  proposer: Uint8Array;
  metadata: string;
  title: string;
  summary: string;
}

export function toTallyResult(tally: Tally): TallyResult {
  return { yesCount: tally.yes.toString(), abstainCount: tally.abstain.toString(), noCount: tally.no.toString(), noWithVetoCount: tally.noWithVeto.toString() };
}

/** Proposals, deposits, votes, the tally and the execution of passed proposals (x/gov). */
export class GovKeeper {
  constructor(private readonly deps: GovKeeperDeps) {}

  params(ctx: Context): GovParams {
    return new GovStore(ctx).params();
  }

  /**
   * Stores a proposal in its deposit period and takes the initial deposit, which must be at least
   * min_initial_deposit_ratio × min_deposit (rounded up) in the deposit denoms.
   */
  submitProposal(ctx: Context, input: NewProposal): bigint | AppError {
    const contents = parseMessages(input.messages);
    if (isError(contents)) return contents;
    for (const content of contents) {
      const unroutable = this.checkRoutable(ctx, content);
      if (unroutable) return unroutable;
    }
    const store = new GovStore(ctx);
    const params = store.params();
    const denomError = checkDenoms(params, input.initialDeposit);
    if (denomError) return denomError;
    const required = params.minDeposit.map((c) => ({ denom: c.denom, amount: (c.amount * params.minInitialDepositRatio + ONE - 1n) / ONE }));
    if (!covers(input.initialDeposit, required)) {
      return ErrMinDepositTooSmall.wrap(`was (${formatCoins(input.initialDeposit)}), need (${formatCoins(required)})`);
    }
    const id = store.nextProposalId();
    const now = ctx.block.time;
    const proposal: Proposal = {
      id,
      messages: input.messages,
      status: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD,
      finalTallyResult: toTallyResult(EMPTY_TALLY),
      submitTime: now,
      depositEndTime: addDuration(now, params.maxDepositPeriod),
      totalDeposit: [],
      votingStartTime: undefined,
      votingEndTime: undefined,
      metadata: input.metadata,
      title: input.title,
      summary: input.summary,
      proposer: encodeAddress(input.proposer),
      expedited: false,
      failedReason: "",
    };
    store.setNextProposalId(id + 1n);
    store.setProposal(proposal);
    store.enqueue("inactive", proposal.depositEndTime!, id);
    emitSubmitProposal(ctx, id, proposal.proposer, input.messages.map((m) => m.typeUrl));
    if (input.initialDeposit.length > 0) {
      const activated = this.addDeposit(ctx, id, input.proposer, input.initialDeposit);
      if (isError(activated)) return activated;
      if (activated) emitVotingPeriodStart(ctx, EVENT_SUBMIT_PROPOSAL, id);
    }
    return id;
  }

  /** Whether the content's target exists: the params subspace and key, or the community pool. */
  private checkRoutable(ctx: Context, content: Content): AppError | undefined {
    if (content.kind === "spend" && !this.deps.distribution) return ErrNoProposalHandlerExists.wrap("community pool spends need the distribution module");
    if (content.kind !== "params") return undefined;
    for (const change of content.changes) {
      const module = this.deps.params(change.subspace);
      if (!module) return ErrUnknownSubspace.wrap(change.subspace);
      if (!Object.hasOwn(module.get(ctx), change.key)) return ErrSettingParameter.wrap(`unknown key ${change.key} in subspace ${change.subspace}`);
    }
    return undefined;
  }

  /**
   * Adds a deposit to a proposal in its deposit or voting period; returns whether it started the
   * voting period (the total deposit reached min_deposit).
   */
  addDeposit(ctx: Context, id: bigint, depositor: Uint8Array, amount: readonly Coin[]): boolean | AppError {
    const store = new GovStore(ctx);
    const proposal = store.proposal(id);
    if (!proposal) return ErrUnknownProposal.wrap(`${id}`);
    const open = proposal.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD || proposal.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD;
    if (!open) return ErrInactiveProposal.wrap(`${id}`);
    const params = store.params();
    const denomError = checkDenoms(params, amount);
    if (denomError) return denomError;
    const moved = this.deps.bank.sendCoinsFromAccountToModule(ctx, depositor, GOV_ACCOUNT, amount);
    if (moved) return moved;

    const total = addCoins(parseStored(proposal.totalDeposit), amount);
    proposal.totalDeposit = toProtoCoins(total);
    let activated = false;
    if (proposal.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && covers(total, params.minDeposit)) {
      activated = true;
      store.dequeue("inactive", proposal.depositEndTime!, id);
      proposal.status = ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD;
      proposal.votingStartTime = ctx.block.time;
      proposal.votingEndTime = addDuration(ctx.block.time, params.votingPeriod);
      store.enqueue("active", proposal.votingEndTime, id);
    }
    store.setProposal(proposal);
    const previous = store.deposit(id, depositor);
    const deposited = addCoins(previous ? parseStored(previous.amount) : [], amount);
    store.setDeposit(depositor, { proposalId: id, depositor: encodeAddress(depositor), amount: toProtoCoins(deposited) });
    emitDeposit(ctx, id, encodeAddress(depositor), amount);
    return activated;
  }

  /** Deposits and, when it starts the voting period, says so with the SDK's event. */
  deposit(ctx: Context, id: bigint, depositor: Uint8Array, amount: readonly Coin[]): AppError | undefined {
    const activated = this.addDeposit(ctx, id, depositor, amount);
    if (isError(activated)) return activated;
    if (activated) emitVotingPeriodStart(ctx, EVENT_PROPOSAL_DEPOSIT, id);
    return undefined;
  }

  /** Records (or replaces) a vote on a proposal in its voting period; options are already validated. */
  vote(ctx: Context, id: bigint, voter: Uint8Array, options: WeightedVoteOption[], metadata: string): AppError | undefined {
    const store = new GovStore(ctx);
    const proposal = store.proposal(id);
    if (!proposal) return ErrUnknownProposal.wrap(`${id}`);
    if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) return ErrInactiveProposal.wrap(`${id}`);
    if (compareTimes(proposal.votingEndTime!, ctx.block.time) < 0) return ErrVotingPeriodEnded.wrap(`${id}`);
    store.setVote(voter, { proposalId: id, voter: encodeAddress(voter), options, metadata });
    emitVote(ctx, id, encodeAddress(voter), options);
    return undefined;
  }

  /** The tally as it stands (the live count during voting, the final one after). */
  currentTally(ctx: Context, proposal: Proposal): TallyResult {
    if (proposal.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) return toTallyResult(this.tally(ctx, proposal.id));
    return proposal.finalTallyResult ?? toTallyResult(EMPTY_TALLY);
  }

  private tally(ctx: Context, id: bigint): Tally {
    const votes = function* (store: GovStore) {
      for (const [voter, bytes] of store.votes(id).iterate()) yield { voter, options: voteOptions(Vote.decode(bytes)) };
    };
    return tallyVotes(ctx, this.deps.staking, votes(new GovStore(ctx)));
  }

  /**
   * Settles up to MAX_ENDED_PROPOSALS_PER_BLOCK proposals whose deposit period ended (dropped,
   * deposits burned or refunded per burn_proposal_deposit_prevote) and as many whose voting period
   * ended (tallied, deposits refunded or burned, passed ones executed).
   */
  endBlock(ctx: Context): void {
    const store = new GovStore(ctx);
    const params = store.params();
    for (const { id, end } of store.due("inactive", ctx.block.time, MAX_ENDED_PROPOSALS_PER_BLOCK)) {
      store.dequeue("inactive", end, id);
      store.deleteProposal(id);
      this.settleDeposits(ctx, id, params.burnProposalDepositPrevote);
      emitInactiveProposal(ctx, id);
    }
    for (const { id, end } of store.due("active", ctx.block.time, MAX_ENDED_PROPOSALS_PER_BLOCK)) {
      store.dequeue("active", end, id);
      this.finishVoting(ctx, id, params);
    }
  }

  private finishVoting(ctx: Context, id: bigint, params: GovParams): void {
    const store = new GovStore(ctx);
    const proposal = store.proposal(id)!;
    const tally = this.tally(ctx, id);
    const { passes, burnDeposits } = tallyOutcome(tally, this.deps.staking.totalBondedTokens(ctx), params);
    for (const [voter] of [...store.votes(id).iterate()]) store.votes(id).delete(voter);
    this.settleDeposits(ctx, id, burnDeposits);
    proposal.finalTallyResult = toTallyResult(tally);
    let result = RESULT_REJECTED;
    let log = "rejected";
    if (passes) {
      const failure = runInBranch(ctx, (branch) => this.execute(branch, proposal));
      result = failure ? RESULT_FAILED : RESULT_PASSED;
      log = failure ?? "passed";
      proposal.failedReason = failure ?? "";
      proposal.status = failure ? ProposalStatus.PROPOSAL_STATUS_FAILED : ProposalStatus.PROPOSAL_STATUS_PASSED;
    } else {
      proposal.status = ProposalStatus.PROPOSAL_STATUS_REJECTED;
    }
    store.setProposal(proposal);
    emitActiveProposal(ctx, id, result, log);
  }

  /** Runs a passed proposal's messages in order; the first failure is returned as the failed reason. */
  private execute(ctx: Context, proposal: Proposal): string | undefined {
    const contents = parseMessages(proposal.messages);
    if (isError(contents)) return `proposal messages are invalid: ${contents.log}`;
    for (const [i, content] of contents.entries()) {
      const error = this.executeContent(ctx, content);
      if (error) return `passed, but msg ${i} (${proposal.messages[i]!.typeUrl}) failed on execution: ${error.log}`;
    }
    return undefined;
  }

  private executeContent(ctx: Context, content: Content): AppError | undefined {
    switch (content.kind) {
      case "text":
        return undefined;
      case "params":
        for (const change of content.changes) {
          const module = this.deps.params(change.subspace);
          if (!module) return ErrUnknownSubspace.wrap(change.subspace);
          const error = module.set(ctx, change.key, change.value);
          if (error) return ErrSettingParameter.wrap(`${change.subspace}/${change.key}: ${error.log}`);
        }
        return undefined;
      case "spend":
        if (!this.deps.distribution) return ErrNoProposalHandlerExists.wrap("community pool spends need the distribution module");
        return this.deps.distribution.distributeFromCommunityPool(ctx, content.amount, content.recipient);
    }
  }

  /** Refunds or burns every deposit of a proposal and deletes the records. */
  private settleDeposits(ctx: Context, id: bigint, burn: boolean): void {
    const store = new GovStore(ctx);
    const deposits = [...store.deposits(id).iterate()];
    const burned: Coin[][] = [];
    for (const [depositor, bytes] of deposits) {
      store.deposits(id).delete(depositor);
      const amount = parseStored(Deposit.decode(bytes).amount);
      if (burn) burned.push(amount);
      // The module account holds every deposit it recorded, so neither transfer can fail.
      else this.deps.bank.sendCoinsFromModuleToAccount(ctx, GOV_ACCOUNT, depositor, amount);
    }
    const total = addCoins(...burned);
    if (total.length > 0) this.deps.bank.burnCoins(ctx, GOV_ACCOUNT, total);
  }
}

function parseStored(coins: readonly { denom: string; amount: string }[]): Coin[] {
  return coins.map((c) => ({ denom: c.denom, amount: BigInt(c.amount) }));
}

/** Whether `have` holds at least every coin of `need`. */
function covers(have: readonly Coin[], need: readonly Coin[]): boolean {
  return need.every((n) => (have.find((h) => h.denom === n.denom)?.amount ?? 0n) >= n.amount);
}

function checkDenoms(params: GovParams, amount: readonly Coin[]): AppError | undefined {
  const accepted = params.minDeposit.map((c) => c.denom);
  const wrong = amount.filter((c) => !accepted.includes(c.denom));
  if (wrong.length === 0) return undefined;
  return ErrInvalidDepositDenom.wrap(`deposited ${formatCoins(amount)}, but gov accepts only the following denom(s): [${accepted.join(" ")}]`);
}
