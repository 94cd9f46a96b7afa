import { CommunityPoolSpendProposal } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { MsgExecLegacyContent } from "cosmjs-types/cosmos/gov/v1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { decodeAddress, encodeAddress, moduleAddress } from "../../types/address.js";
import { parseCoins, type Coin } from "../../types/coins.js";
import { isError, type AppError } from "../../types/errors.js";
import { encodeProto } from "../../types/proto.js";
import {
  ErrEmptyChanges,
  ErrEmptyKey,
  ErrEmptySubspace,
  ErrEmptyValue,
  ErrInvalidProposalContent,
  ErrInvalidSigner,
  ErrNoProposalHandlerExists,
  ErrNoProposalMsgs,
  ErrUnroutableProposalMsg,
} from "./errors.js";
import { GOV_ACCOUNT } from "./keys.js";

/** The Cosmos SDK's v1beta1 content limits. */
export const MAX_TITLE_LENGTH = 140;
export const MAX_DESCRIPTION_LENGTH = 10_000;
/** At most this many messages per proposal and parameter changes per ParameterChangeProposal. */
export const MAX_PROPOSAL_MESSAGES = 16;
export const MAX_PARAM_CHANGES = 32;

export const GOV_AUTHORITY = encodeAddress(moduleAddress(GOV_ACCOUNT));

/** What a proposal's content does, once decoded and checked statelessly. */
export type Content =
  | { kind: "text"; title: string; description: string }
  | { kind: "params"; title: string; description: string; changes: { subspace: string; key: string; value: unknown }[] }
  | { kind: "spend"; title: string; description: string; recipient: Uint8Array; amount: Coin[] };

function checkText(title: string, description: string): AppError | undefined {
  if (title.trim() === "") return ErrInvalidProposalContent.wrap("proposal title cannot be blank");
  if (title.length > MAX_TITLE_LENGTH) return ErrInvalidProposalContent.wrap(`proposal title is longer than max length of ${MAX_TITLE_LENGTH}`);
  if (description.trim() === "") return ErrInvalidProposalContent.wrap("proposal description cannot be blank");
  if (description.length > MAX_DESCRIPTION_LENGTH) return ErrInvalidProposalContent.wrap(`proposal description is longer than max length of ${MAX_DESCRIPTION_LENGTH}`);
  return undefined;
}

function decodeSafely<T>(codec: { decode(bytes: Uint8Array): T }, bytes: Uint8Array): T | AppError {
  try {
    return codec.decode(bytes);
  } catch (error) {
    return ErrInvalidProposalContent.wrap(`cannot decode content: ${(error as Error).message}`);
  }
}

/** Decodes and checks legacy content: a TextProposal, ParameterChangeProposal or CommunityPoolSpendProposal. */
export function parseContent(content: Any | undefined): Content | AppError {
  if (!content) return ErrInvalidProposalContent.wrap("missing content");
  switch (content.typeUrl) {
    case TextProposal.typeUrl: {
      const text = decodeSafely(TextProposal, content.value);
      if (isError(text)) return text;
      return checkText(text.title, text.description) ?? { kind: "text", title: text.title, description: text.description };
    }
    case ParameterChangeProposal.typeUrl: {
      const proposal = decodeSafely(ParameterChangeProposal, content.value);
      if (isError(proposal)) return proposal;
      const invalid = checkText(proposal.title, proposal.description);
      if (invalid) return invalid;
      if (proposal.changes.length === 0) return ErrEmptyChanges.wrap("");
      if (proposal.changes.length > MAX_PARAM_CHANGES) return ErrInvalidProposalContent.wrap(`at most ${MAX_PARAM_CHANGES} parameter changes per proposal`);
      const changes: { subspace: string; key: string; value: unknown }[] = [];
      for (const change of proposal.changes) {
        if (change.subspace === "") return ErrEmptySubspace.wrap("");
        if (change.key === "") return ErrEmptyKey.wrap("");
        if (change.value === "") return ErrEmptyValue.wrap("");
        let value: unknown;
        try {
          value = JSON.parse(change.value);
        } catch {
          return ErrInvalidProposalContent.wrap(`value of ${change.subspace}/${change.key} is not valid JSON: ${change.value}`);
        }
        changes.push({ subspace: change.subspace, key: change.key, value });
      }
      return { kind: "params", title: proposal.title, description: proposal.description, changes };
    }
    case CommunityPoolSpendProposal.typeUrl: {
      const spend = decodeSafely(CommunityPoolSpendProposal, content.value);
      if (isError(spend)) return spend;
      const invalid = checkText(spend.title, spend.description);
      if (invalid) return invalid;
      const recipient = decodeAddress(spend.recipient);
      if (isError(recipient)) return ErrInvalidProposalContent.wrap(`invalid recipient: ${recipient.message}`);
      const amount = parseCoins(spend.amount);
      if (isError(amount)) return amount;
      if (amount.length === 0) return ErrInvalidProposalContent.wrap("community pool spend amount cannot be empty");
      return { kind: "spend", title: spend.title, description: spend.description, recipient, amount };
    }
    default:
      return ErrNoProposalHandlerExists.wrap(content.typeUrl);
  }
}

/** A v1 proposal's messages: each a MsgExecLegacyContent with the gov account as authority. */
export function parseMessages(messages: readonly Any[]): Content[] | AppError {
  if (messages.length === 0) return ErrNoProposalMsgs.wrap("");
  if (messages.length > MAX_PROPOSAL_MESSAGES) return ErrInvalidProposalContent.wrap(`at most ${MAX_PROPOSAL_MESSAGES} messages per proposal`);
  const contents: Content[] = [];
  for (const [i, message] of messages.entries()) {
    if (message.typeUrl !== MsgExecLegacyContent.typeUrl) return ErrUnroutableProposalMsg.wrap(`message ${i}: ${message.typeUrl}`);
    const exec = decodeSafely(MsgExecLegacyContent, message.value);
    if (isError(exec)) return exec;
    if (exec.authority !== GOV_AUTHORITY) return ErrInvalidSigner.wrap(`message ${i}: expected ${GOV_AUTHORITY}, got ${exec.authority}`);
    const content = parseContent(exec.content);
    if (isError(content)) return content;
    contents.push(content);
  }
  return contents;
}

/** Legacy content as the one message of a v1 proposal. */
export function execLegacyContent(content: Any): Any {
  return { typeUrl: MsgExecLegacyContent.typeUrl, value: encodeProto(MsgExecLegacyContent, { content, authority: GOV_AUTHORITY }) };
}

/** The legacy content of a proposal's first MsgExecLegacyContent, what v1beta1 clients see. */
export function legacyContent(messages: readonly Any[]): Any | undefined {
  const first = messages[0];
  if (!first || first.typeUrl !== MsgExecLegacyContent.typeUrl) return undefined;
  return MsgExecLegacyContent.decode(first.value).content;
}
