import { Proposal, ProposalStatus } from "cosmjs-types/cosmos/gov/v1/gov";
import { Deposit, Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress, moduleAddress } from "../../types/address.js";
import { addCoins, coinsEqual, formatCoins, parseCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { parseMessages } from "./content.js";
import { ErrInvalidGenesis } from "./errors.js";
import { depositFromJson, depositToJson, proposalFromJson, proposalToJson, voteFromJson, voteToJson } from "./genesis-json.js";
import { GOV_ACCOUNT } from "./keys.js";
import { DEFAULT_GOV_PARAMS, paramsFromJson, paramsToJson } from "./params.js";
import { GovStore } from "./store.js";
import { parseWeightedOptions } from "./votes.js";

/** What genesis checks the gov module account against: bank's genesis comes first. */
export interface GovGenesisBank {
  getAllBalances(ctx: Context, address: Uint8Array): Coin[];
}

export function defaultGovGenesis(): unknown {
  return { starting_proposal_id: "1", deposits: [], votes: [], proposals: [], deposit_params: null, voting_params: null, tally_params: null, params: paramsToJson(DEFAULT_GOV_PARAMS) };
}

interface GovGenesisJson {
  starting_proposal_id?: unknown;
  deposits?: unknown[];
  votes?: unknown[];
  proposals?: unknown[];
  params?: unknown;
}

const OPEN = [ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD, ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD];
const KNOWN = [...OPEN, ProposalStatus.PROPOSAL_STATUS_PASSED, ProposalStatus.PROPOSAL_STATUS_REJECTED, ProposalStatus.PROPOSAL_STATUS_FAILED];

/**
 * Imports params, proposals (re-queued by their deposit or voting end time), deposits and votes,
 * as the SDK's InitGenesis and ValidateGenesis: ids below starting_proposal_id and unique, valid
 * messages, deposits and votes only on open proposals (votes only in the voting period), each
 * proposal's total_deposit the sum of its deposits, and the gov account holding exactly all deposits.
 */
export function initGovGenesis(bank: GovGenesisBank, ctx: Context, json: unknown): AppError | undefined {
  const genesis = (json ?? {}) as GovGenesisJson;
  const params = genesis.params == null ? DEFAULT_GOV_PARAMS : paramsFromJson(genesis.params);
  if (isError(params)) return ErrInvalidGenesis.wrap(params.message);
  const starting = genesis.starting_proposal_id == null ? 1n : /^\d+$/.test(String(genesis.starting_proposal_id)) ? BigInt(String(genesis.starting_proposal_id)) : 0n;
  if (starting === 0n) return ErrInvalidGenesis.wrap(`starting_proposal_id must be a whole number from 1, got ${JSON.stringify(genesis.starting_proposal_id)}`);
  const store = new GovStore(ctx);
  store.setParams(params);
  store.setNextProposalId(starting);

  const proposals = new Map<bigint, Proposal>();
  for (const entry of genesis.proposals ?? []) {
    const proposal = proposalFromJson(entry);
    if (typeof proposal === "string") return ErrInvalidGenesis.wrap(`proposal: ${proposal}`);
    const problem = checkProposal(proposal, starting, proposals);
    if (problem) return ErrInvalidGenesis.wrap(`proposal ${proposal.id}: ${problem}`);
    proposals.set(proposal.id, proposal);
    store.setProposal(proposal);
    if (proposal.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD) store.enqueue("inactive", proposal.depositEndTime!, proposal.id);
    if (proposal.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) store.enqueue("active", proposal.votingEndTime!, proposal.id);
  }

  const deposited = new Map<bigint, Coin[][]>();
  for (const entry of genesis.deposits ?? []) {
    const deposit = depositFromJson(entry);
    const depositor = decodeAddress(deposit.depositor);
    const amount = parseCoins(deposit.amount);
    const proposal = proposals.get(deposit.proposalId);
    const problem = isError(depositor)
      ? depositor.message
      : isError(amount)
        ? amount.message
        : !proposal || !OPEN.includes(proposal.status)
          ? "its proposal is not in its deposit or voting period"
          : store.deposit(deposit.proposalId, depositor)
            ? "appears twice"
            : undefined;
    if (problem) return ErrInvalidGenesis.wrap(`deposit of ${deposit.depositor} on proposal ${deposit.proposalId}: ${problem}`);
    store.setDeposit(depositor as Uint8Array, Deposit.fromPartial(deposit));
    deposited.set(deposit.proposalId, [...(deposited.get(deposit.proposalId) ?? []), amount as Coin[]]);
  }
  for (const proposal of proposals.values()) {
    const sum = addCoins(...(deposited.get(proposal.id) ?? []));
    const total = parseCoins(proposal.totalDeposit);
    if (isError(total) || !coinsEqual(sum, total)) return ErrInvalidGenesis.wrap(`proposal ${proposal.id}: total_deposit differs from the sum of its deposits (${formatCoins(sum)})`);
  }
  const held = bank.getAllBalances(ctx, moduleAddress(GOV_ACCOUNT));
  const all = addCoins(...[...deposited.values()].flat());
  if (!coinsEqual(held, all)) return ErrInvalidGenesis.wrap(`the gov module account holds ${formatCoins(held) || "nothing"} but deposits total ${formatCoins(all) || "nothing"}`);

  const voted = new Set<string>();
  for (const entry of genesis.votes ?? []) {
    const vote = voteFromJson(entry);
    const voter = decodeAddress(vote.voter);
    const options = parseWeightedOptions(vote.options, false);
    const proposal = proposals.get(vote.proposalId);
    const problem = isError(voter)
      ? voter.message
      : isError(options)
        ? options.log
        : proposal?.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD
          ? "its proposal is not in its voting period"
          : voted.has(`${vote.proposalId}/${bytesToKey(voter)}`)
            ? "appears twice"
            : undefined;
    if (problem) return ErrInvalidGenesis.wrap(`vote of ${vote.voter} on proposal ${vote.proposalId}: ${problem}`);
    voted.add(`${vote.proposalId}/${bytesToKey(voter as Uint8Array)}`);
    store.setVote(voter as Uint8Array, { ...vote, options: options as Vote["options"] });
  }
  return undefined;
}

function checkProposal(proposal: Proposal, starting: bigint, seen: Map<bigint, Proposal>): string | undefined {
  if (proposal.id === 0n || proposal.id >= starting) return `id must be from 1 to below starting_proposal_id ${starting}`;
  if (seen.has(proposal.id)) return "appears twice";
  if (!KNOWN.includes(proposal.status)) return "status must be deposit period, voting period, passed, rejected or failed";
  const messages = parseMessages(proposal.messages);
  if (isError(messages)) return messages.log;
  const proposer = decodeAddress(proposal.proposer);
  if (isError(proposer)) return proposer.message;
  if (!proposal.submitTime || !proposal.depositEndTime) return "submit_time and deposit_end_time are required";
  if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && (!proposal.votingStartTime || !proposal.votingEndTime)) {
    return "voting_start_time and voting_end_time are required once voting started";
  }
  if (proposal.expedited) return "expedited proposals are not supported";
  return undefined;
}

export function exportGovGenesis(ctx: Context): unknown {
  const store = new GovStore(ctx);
  return {
    starting_proposal_id: store.nextProposalId().toString(),
    deposits: [...store.allDeposits().iterate()].map(([, bytes]) => depositToJson(Deposit.decode(bytes))),
    votes: [...store.allVotes().iterate()].map(([, bytes]) => voteToJson(Vote.decode(bytes))),
    proposals: [...store.proposals().iterate()].map(([, bytes]) => proposalToJson(Proposal.decode(bytes))),
    deposit_params: null,
    voting_params: null,
    tally_params: null,
    params: paramsToJson(store.params()),
  };
}
