import type { comet38 } from "@cosmjs/tendermint-rpc";
import type { Command } from "commander";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { MsgDeposit, MsgSubmitProposal, MsgVote, MsgVoteWeighted } from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { toProtoCoins } from "../../types/coins.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { formatCoin, parseCoinsArgument } from "../money.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";
import { PROPOSAL_FILE_HELP, readProposalFile } from "./gov-proposal-file.js";

/** The SDK CLI's vote option names. */
const VOTE_OPTIONS: Readonly<Record<string, VoteOption>> = {
  yes: VoteOption.VOTE_OPTION_YES,
  no: VoteOption.VOTE_OPTION_NO,
  abstain: VoteOption.VOTE_OPTION_ABSTAIN,
  no_with_veto: VoteOption.VOTE_OPTION_NO_WITH_VETO,
};
const OPTION_NAMES = Object.keys(VOTE_OPTIONS).join(", ");

/** `persistence tx gov …`: submit proposals, deposit on them and vote (the SDK's v1beta1 messages, as Keplr signs them). */
export function registerGovTx(tx: Command): void {
  const gov = tx.command("gov").description("governance transactions: submit proposals, deposit, vote");

  const submit = withTxOptions(gov.command("submit-proposal <key> <proposal-file>").description("submit a text, parameter-change or community-pool-spend proposal from a JSON file")).addHelpText(
    "after",
    PROPOSAL_FILE_HELP,
  );
  defineAction<TxOptions>(submit, (context, key, file) => {
    const proposal = readProposalFile(file!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "proposer",
      build: (proposer) => ({
        messages: [txMessage(MsgSubmitProposal, { content: proposal.content, initialDeposit: toProtoCoins(proposal.deposit), proposer })],
        summary: proposal.summary,
      }),
      describe: (result) => {
        const id = attribute(result, "submit_proposal", "proposal_id");
        const voting = votingStarted(result, "submit_proposal");
        return { json: { proposal_id: id, voting_period_started: voting }, text: [`proposal ${id} submitted, ${voting ? "in its voting period" : "in its deposit period"}`] };
      },
    });
  });

  const deposit = withTxOptions(gov.command("deposit <key> <proposal-id> <amount>").description("add <amount> (e.g. 512xprt) to a proposal's deposit")).addHelpText(
    "after",
    "\nReaching the min deposit starts the voting period. Deposits are refunded after the vote, or\nburned when the proposal is vetoed or never reaches voting (query gov params).\n\nExample:\n  persistence tx gov deposit alice 1 512xprt --yes",
  );
  defineAction<TxOptions>(deposit, (context, key, idText, amountText) => {
    const proposalId = parseProposalId(idText!);
    const amount = parseCoinsArgument(amountText!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "depositor",
      build: (depositor) => ({
        messages: [txMessage(MsgDeposit, { proposalId, depositor, amount: toProtoCoins(amount) })],
        summary: [`deposit ${amount.map(formatCoin).join(", ")} on proposal ${proposalId}`],
      }),
      describe: (result) => {
        const voting = votingStarted(result, "proposal_deposit");
        return {
          json: { proposal_id: proposalId.toString(), voting_period_started: voting },
          text: [`deposited on proposal ${proposalId}${voting ? "; its voting period has started" : ""}`],
        };
      },
    });
  });

  const vote = withTxOptions(gov.command("vote <key> <proposal-id> <option>").description(`vote on a proposal in its voting period: ${OPTION_NAMES}`)).addHelpText(
    "after",
    "\nA later vote replaces an earlier one. Your bonded stake counts; validators you delegate to\nvote the rest of their stake.\n\nExample:\n  persistence tx gov vote alice 1 yes --yes",
  );
  defineAction<TxOptions>(vote, (context, key, idText, optionText) => {
    const proposalId = parseProposalId(idText!);
    const option = parseOption(optionText!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "voter",
      build: (voter) => ({ messages: [txMessage(MsgVote, { proposalId, voter, option })], summary: [`vote ${optionText} on proposal ${proposalId}`] }),
      describe: () => ({ json: { proposal_id: proposalId.toString(), option: optionText }, text: [`voted ${optionText} on proposal ${proposalId}`] }),
    });
  });

  const weighted = withTxOptions(
    gov.command("weighted-vote <key> <proposal-id> <weights>").description("split your vote, e.g. yes=0.6,no=0.4: each option once, weights above 0 summing to exactly 1"),
  ).addHelpText("after", `\nOptions: ${OPTION_NAMES}.\n\nExample:\n  persistence tx gov weighted-vote alice 1 yes=0.6,no_with_veto=0.4 --yes`);
  defineAction<TxOptions>(weighted, (context, key, idText, weightsText) => {
    const proposalId = parseProposalId(idText!);
    const options = parseWeights(weightsText!);
    const shown = options.map((o) => `${optionName(o.option)}=${formatDecimal(BigInt(o.weight))}`).join(", ");
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "voter",
      build: (voter) => ({ messages: [txMessage(MsgVoteWeighted, { proposalId, voter, options })], summary: [`vote ${shown} on proposal ${proposalId}`] }),
      describe: () => ({ json: { proposal_id: proposalId.toString(), options: shown }, text: [`voted ${shown} on proposal ${proposalId}`] }),
    });
  });
}

/** A proposal id: a positive whole number. */
export function parseProposalId(text: string): bigint {
  if (!/^[1-9]\d{0,19}$/.test(text) || BigInt(text) >= 2n ** 64n) throw new CliError("invalid_proposal_id", `invalid proposal id "${text}": expected a positive whole number`);
  return BigInt(text);
}

function parseOption(text: string): VoteOption {
  const option = VOTE_OPTIONS[text];
  if (option === undefined || !Object.hasOwn(VOTE_OPTIONS, text)) throw new CliError("invalid_vote_option", `invalid vote option "${text}": expected one of ${OPTION_NAMES}`);
  return option;
}

function optionName(option: VoteOption): string {
  return Object.entries(VOTE_OPTIONS).find(([, o]) => o === option)![0];
}

/**
 * "yes=0.6,no=0.4" as v1beta1 weighted options: weights are LegacyDec, 18-decimal integers
 * without a point on the wire. Checked here as the chain checks them (each in (0, 1], each option
 * once, summing to exactly 1), so a bad split is refused before signing.
 */
export function parseWeights(text: string): { option: VoteOption; weight: string }[] {
  const bad = (why: string) => new CliError("invalid_weighted_vote", `invalid weighted vote "${text}": ${why}`);
  const options = text.split(",").map((part) => {
    const [name, weightText, extra] = part.trim().split("=");
    if (weightText === undefined || extra !== undefined) throw bad("expected option=weight pairs, e.g. yes=0.6,no=0.4");
    const option = parseOption(name!);
    const weight = parseDecimal(weightText);
    if (weight === undefined || weight === 0n || weight > ONE) throw bad(`the weight of ${name} must be a decimal above 0 and at most 1`);
    return { option, weight };
  });
  if (new Set(options.map((o) => o.option)).size !== options.length) throw bad("each option may appear once");
  if (options.reduce((sum, o) => sum + o.weight, 0n) !== ONE) throw bad("the weights must add up to exactly 1");
  return options.map((o) => ({ option: o.option, weight: o.weight.toString() }));
}

function attribute(result: comet38.TxData, type: string, key: string): string {
  return result.events.find((e) => e.type === type && e.attributes.some((a) => a.key === key))?.attributes.find((a) => a.key === key)?.value ?? "";
}

/** The SDK marks a proposal entering its voting period with `voting_period_start` on the submit or deposit event. */
function votingStarted(result: comet38.TxData, type: string): boolean {
  return result.events.some((e) => e.type === type && e.attributes.some((a) => a.key === "voting_period_start"));
}
