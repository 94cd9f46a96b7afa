import { CommunityPoolSpendProposal } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import {
  Deposit,
  Proposal,
  ProposalStatus,
  Vote,
  proposalStatusFromJSON,
  proposalStatusToJSON,
  voteOptionFromJSON,
  voteOptionToJSON,
} from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgExecLegacyContent } from "cosmjs-types/cosmos/gov/v1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { encodeProto } from "../../types/proto.js";
import { parseTime } from "./time.js";
import { formatTime } from "../../types/time.js";

/** The legacy contents a proposal may carry, by type URL: their JSON is their fields plus "@type". */
const CONTENTS = new Map<string, { fromJSON(json: unknown): object; toJSON(message: never): unknown; encode(message: never): { finish(): Uint8Array }; decode(bytes: Uint8Array): object }>([
  [TextProposal.typeUrl, TextProposal as never],
  [ParameterChangeProposal.typeUrl, ParameterChangeProposal as never],
  [CommunityPoolSpendProposal.typeUrl, CommunityPoolSpendProposal as never],
]);

function contentToJson(content: Any | undefined): unknown {
  const codec = content && CONTENTS.get(content.typeUrl);
  if (!content || !codec) return null;
  return { "@type": content.typeUrl, ...(codec.toJSON(codec.decode(content.value) as never) as object) };
}

/** A proposal message in the SDK's JSON: { "@type": MsgExecLegacyContent, content: { "@type": …, … }, authority }. */
export function messageToJson(message: Any): unknown {
  const exec = MsgExecLegacyContent.decode(message.value);
  return { "@type": message.typeUrl, content: contentToJson(exec.content), authority: exec.authority };
}

/** Reads a message back; unknown types come back as an Any that proposal validation then refuses. */
export function messageFromJson(json: unknown): Any {
  const object = (json ?? {}) as { "@type"?: unknown; content?: { "@type"?: unknown }; authority?: unknown };
  if (object["@type"] !== MsgExecLegacyContent.typeUrl) return { typeUrl: String(object["@type"] ?? ""), value: new Uint8Array(0) };
  const typeUrl = String(object.content?.["@type"] ?? "");
  const codec = CONTENTS.get(typeUrl);
  const content = codec ? { typeUrl, value: codec.encode(codec.fromJSON(object.content) as never).finish() } : { typeUrl, value: new Uint8Array(0) };
  return { typeUrl: MsgExecLegacyContent.typeUrl, value: encodeProto(MsgExecLegacyContent, { content, authority: String(object.authority ?? "") }) };
}

const time = (t: Proposal["submitTime"]) => (t ? formatTime(t) : null);

export function proposalToJson(p: Proposal): Record<string, unknown> {
  const tally = p.finalTallyResult;
  return {
    id: p.id.toString(),
    messages: p.messages.map(messageToJson),
    status: proposalStatusToJSON(p.status),
    final_tally_result: { yes_count: tally?.yesCount ?? "0", abstain_count: tally?.abstainCount ?? "0", no_count: tally?.noCount ?? "0", no_with_veto_count: tally?.noWithVetoCount ?? "0" },
    submit_time: time(p.submitTime),
    deposit_end_time: time(p.depositEndTime),
    total_deposit: p.totalDeposit,
    voting_start_time: time(p.votingStartTime),
    voting_end_time: time(p.votingEndTime),
    metadata: p.metadata,
    title: p.title,
    summary: p.summary,
    proposer: p.proposer,
    expedited: p.expedited,
    failed_reason: p.failedReason,
  };
}

/** A proposal from genesis JSON, or what is wrong with it. */
export function proposalFromJson(json: unknown): Proposal | string {
  const o = (json ?? {}) as Record<string, unknown>;
  const tally = (o.final_tally_result ?? {}) as Record<string, unknown>;
  const times = ["submit_time", "deposit_end_time", "voting_start_time", "voting_end_time"].map((key) => [key, o[key] == null ? undefined : parseTime(o[key])] as const);
  for (const [key, value] of times) if (o[key] != null && !value) return `${key} is not an RFC 3339 time: ${JSON.stringify(o[key])}`;
  if (!/^\d+$/.test(String(o.id ?? ""))) return `id must be a whole number, got ${JSON.stringify(o.id)}`;
  const status = proposalStatusFromJSON(o.status ?? "PROPOSAL_STATUS_UNSPECIFIED");
  if (status === ProposalStatus.UNRECOGNIZED) return `unknown status ${JSON.stringify(o.status)}`;
  const counts = ["yes_count", "abstain_count", "no_count", "no_with_veto_count"].map((key) => String(tally[key] ?? "0"));
  if (!counts.every((c) => /^\d+$/.test(c))) return "final_tally_result counts must be whole numbers";
  return {
    id: BigInt(String(o.id)),
    messages: Array.isArray(o.messages) ? o.messages.map(messageFromJson) : [],
    status,
    finalTallyResult: { yesCount: counts[0]!, abstainCount: counts[1]!, noCount: counts[2]!, noWithVetoCount: counts[3]! },
    submitTime: times[0]![1],
    depositEndTime: times[1]![1],
    totalDeposit: Array.isArray(o.total_deposit) ? o.total_deposit.map((c: { denom?: unknown; amount?: unknown }) => ({ denom: String(c?.denom ?? ""), amount: String(c?.amount ?? "") })) : [],
    votingStartTime: times[2]![1],
    votingEndTime: times[3]![1],
    metadata: String(o.metadata ?? ""),
    title: String(o.title ?? ""),
    summary: String(o.summary ?? ""),
    proposer: String(o.proposer ?? ""),
    expedited: o.expedited === true,
    failedReason: String(o.failed_reason ?? ""),
  };
}

export function voteToJson(v: Vote): Record<string, unknown> {
  return { proposal_id: v.proposalId.toString(), voter: v.voter, options: v.options.map((o) => ({ option: voteOptionToJSON(o.option), weight: o.weight })), metadata: v.metadata };
}

export function voteFromJson(json: unknown): Vote {
  const o = (json ?? {}) as Record<string, unknown>;
  const options = Array.isArray(o.options) ? o.options : [];
  return {
    proposalId: /^\d+$/.test(String(o.proposal_id)) ? BigInt(String(o.proposal_id)) : 0n,
    voter: String(o.voter ?? ""),
    options: options.map((x: { option?: unknown; weight?: unknown }) => ({ option: voteOptionFromJSON(x?.option ?? 0), weight: String(x?.weight ?? "") })),
    metadata: String(o.metadata ?? ""),
  };
}

export function depositToJson(d: Deposit): Record<string, unknown> {
  return { proposal_id: d.proposalId.toString(), depositor: d.depositor, amount: d.amount };
}

export function depositFromJson(json: unknown): Deposit {
  const o = (json ?? {}) as Record<string, unknown>;
  return {
    proposalId: /^\d+$/.test(String(o.proposal_id)) ? BigInt(String(o.proposal_id)) : 0n,
    depositor: String(o.depositor ?? ""),
    amount: Array.isArray(o.amount) ? o.amount.map((c: { denom?: unknown; amount?: unknown }) => ({ denom: String(c?.denom ?? ""), amount: String(c?.amount ?? "") })) : [],
  };
}
