import { VoteOption, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import * as v1 from "cosmjs-types/cosmos/gov/v1/tx";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { decodeAddress } from "../../types/address.js";
import { parseCoins, type Coin } from "../../types/coins.js";

import { ErrInvalidCoins, isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { encodeProto } from "../../types/proto.js";
import { execLegacyContent, parseContent, parseMessages } from "./content.js";
import { ErrInvalidProposal, ErrInvalidProposalContent, ErrMetadataTooLong, ErrSummaryTooLong } from "./errors.js";
import type { GovKeeper } from "./keeper.js";
import { parseWeightedOptions, singleOption } from "./votes.js";

/** The Cosmos SDK's default limits for v1 proposals and votes. */
export const MAX_METADATA_LENGTH = 255;
export const MAX_V1_TITLE_LENGTH = 255;
export const MAX_SUMMARY_LENGTH = 10_200;

function checkAddress(address: string, role: string): AppError | undefined {
  const decoded = decodeAddress(address);
  return isError(decoded) ? decoded.kind.wrap(`invalid ${role} address: ${decoded.message}`) : undefined;
}

function depositCoins(coins: readonly ProtoCoin[], allowEmpty: boolean): Coin[] | AppError {
  const parsed = parseCoins(coins);
  if (isError(parsed)) return parsed;
  if (!allowEmpty && parsed.length === 0) return ErrInvalidCoins.wrap("deposit amount cannot be empty");
  return parsed;
}

function checkV1Proposal(msg: v1.MsgSubmitProposal): AppError | undefined {
  if (msg.metadata.length > MAX_METADATA_LENGTH) return ErrMetadataTooLong.wrap(`got ${msg.metadata.length}, max ${MAX_METADATA_LENGTH}`);
  if (msg.title.trim() === "") return ErrInvalidProposalContent.wrap("proposal title cannot be empty");
  if (msg.title.length > MAX_V1_TITLE_LENGTH) return ErrInvalidProposalContent.wrap(`proposal title is longer than max length of ${MAX_V1_TITLE_LENGTH}`);
  if (msg.summary.trim() === "") return ErrInvalidProposalContent.wrap("proposal summary cannot be empty");
  if (msg.summary.length > MAX_SUMMARY_LENGTH) return ErrSummaryTooLong.wrap(`got ${msg.summary.length}, max ${MAX_SUMMARY_LENGTH}`);
  if (msg.expedited) return ErrInvalidProposal.wrap("expedited proposals are not supported");
  const messages = parseMessages(msg.messages);
  return isError(messages) ? messages : undefined;
}

function response<T>(codec: { typeUrl: string; encode(message: T): { finish(): Uint8Array } }, message: T) {
  return { typeUrl: codec.typeUrl, value: encodeProto(codec as never, message) };
}

/** v1beta1 and v1 MsgSubmitProposal, MsgDeposit, MsgVote and MsgVoteWeighted, with the SDK's type URLs. */
export function govMessages(keeper: GovKeeper): MsgHandler[] {
  const vote = (ctx: Parameters<MsgHandler["execute"]>[0], id: bigint, voter: string, options: WeightedVoteOption[], metadata: string) =>
    keeper.vote(ctx, id, decodeAddress(voter) as Uint8Array, options, metadata);
  return [
    msgHandler<v1beta1.MsgSubmitProposal>({
      type: v1beta1.MsgSubmitProposal,
      signers: (msg) => [msg.proposer],
      validate: (msg) => {
        const deposit = depositCoins(msg.initialDeposit, true);
        const content = parseContent(msg.content);
        return checkAddress(msg.proposer, "proposer") ?? (isError(deposit) ? deposit : undefined) ?? (isError(content) ? content : undefined);
      },
      execute: (ctx, msg) => {
        const content = parseContent(msg.content);
        if (isError(content)) return content;
        const id = keeper.submitProposal(ctx, {
          messages: [execLegacyContent(msg.content!)],
          initialDeposit: depositCoins(msg.initialDeposit, true) as Coin[],
          proposer: decodeAddress(msg.proposer) as Uint8Array,
          metadata: "",
          title: content.title,
          summary: content.description,
        });
        return isError(id) ? id : response(v1beta1.MsgSubmitProposalResponse, { proposalId: id });
      },
    }),
    msgHandler<v1.MsgSubmitProposal>({
      type: v1.MsgSubmitProposal,
      signers: (msg) => [msg.proposer],
      validate: (msg) => {
        const deposit = depositCoins(msg.initialDeposit, true);
        return checkAddress(msg.proposer, "proposer") ?? (isError(deposit) ? deposit : undefined) ?? checkV1Proposal(msg);
      },
      execute: (ctx, msg) => {
        const id = keeper.submitProposal(ctx, {
          messages: msg.messages,
          initialDeposit: depositCoins(msg.initialDeposit, true) as Coin[],
          proposer: decodeAddress(msg.proposer) as Uint8Array,
          metadata: msg.metadata,
          title: msg.title,
          summary: msg.summary,
        });
        return isError(id) ? id : response(v1.MsgSubmitProposalResponse, { proposalId: id });
      },
    }),
    ...[v1beta1.MsgDeposit, v1.MsgDeposit].map((type) =>
      msgHandler<v1.MsgDeposit>({
        type,
        signers: (msg) => [msg.depositor],
        validate: (msg) => {
          const amount = depositCoins(msg.amount, false);
          return checkAddress(msg.depositor, "depositor") ?? (isError(amount) ? amount : undefined);
        },
        execute: (ctx, msg) => {
          const error = keeper.deposit(ctx, msg.proposalId, decodeAddress(msg.depositor) as Uint8Array, depositCoins(msg.amount, false) as Coin[]);
          return error ?? response(type === v1.MsgDeposit ? v1.MsgDepositResponse : v1beta1.MsgDepositResponse, {});
        },
      }),
    ),
    msgHandler<v1beta1.MsgVote>({
      type: v1beta1.MsgVote,
      signers: (msg) => [msg.voter],
      validate: (msg) => {
        const options = singleOption(msg.option as VoteOption);
        return checkAddress(msg.voter, "voter") ?? (isError(options) ? options : undefined);
      },
      execute: (ctx, msg) => vote(ctx, msg.proposalId, msg.voter, singleOption(msg.option as VoteOption) as WeightedVoteOption[], "") ?? response(v1beta1.MsgVoteResponse, {}),
    }),
    msgHandler<v1.MsgVote>({
      type: v1.MsgVote,
      signers: (msg) => [msg.voter],
      validate: (msg) => {
        const options = singleOption(msg.option);
        if (msg.metadata.length > MAX_METADATA_LENGTH) return ErrMetadataTooLong.wrap(`got ${msg.metadata.length}, max ${MAX_METADATA_LENGTH}`);
        return checkAddress(msg.voter, "voter") ?? (isError(options) ? options : undefined);
      },
      execute: (ctx, msg) => vote(ctx, msg.proposalId, msg.voter, singleOption(msg.option) as WeightedVoteOption[], msg.metadata) ?? response(v1.MsgVoteResponse, {}),
    }),
    msgHandler<v1beta1.MsgVoteWeighted>({
      type: v1beta1.MsgVoteWeighted,
      signers: (msg) => [msg.voter],
      validate: (msg) => {
        const options = parseWeightedOptions(msg.options as never, true);
        return checkAddress(msg.voter, "voter") ?? (isError(options) ? options : undefined);
      },
      execute: (ctx, msg) =>
        vote(ctx, msg.proposalId, msg.voter, parseWeightedOptions(msg.options as never, true) as WeightedVoteOption[], "") ?? response(v1beta1.MsgVoteWeightedResponse, {}),
    }),
    msgHandler<v1.MsgVoteWeighted>({
      type: v1.MsgVoteWeighted,
      signers: (msg) => [msg.voter],
      validate: (msg) => {
        const options = parseWeightedOptions(msg.options, false);
        if (msg.metadata.length > MAX_METADATA_LENGTH) return ErrMetadataTooLong.wrap(`got ${msg.metadata.length}, max ${MAX_METADATA_LENGTH}`);
        return checkAddress(msg.voter, "voter") ?? (isError(options) ? options : undefined);
      },
      execute: (ctx, msg) =>
        vote(ctx, msg.proposalId, msg.voter, parseWeightedOptions(msg.options, false) as WeightedVoteOption[], msg.metadata) ?? response(v1.MsgVoteWeightedResponse, {}),
    }),
  ];
}
