import { Deposit, Params, Proposal, Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { concatBytes, readTimeKey, readUint64, uint64Key } from "../../store/bytes.js";
import type { KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import type { Context } from "../../types/context.js";
import { encodeProto } from "../../types/proto.js";
import {
  ACTIVE_QUEUE_PREFIX,
  DEPOSIT_PREFIX,
  GOV_STORE,
  INACTIVE_QUEUE_PREFIX,
  NEXT_PROPOSAL_ID_KEY,
  PARAMS_KEY,
  perProposalKey,
  PROPOSAL_PREFIX,
  queueKey,
  queueKeyId,
  VOTE_PREFIX,
} from "./keys.js";
import { DEFAULT_GOV_PARAMS, fromProtoParams, toProtoParams, type GovParams } from "./params.js";

export type Queue = "active" | "inactive";

/** The gov module's state. Every method reads or writes a constant number of keys, but the iterators. */
export class GovStore {
  private readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(GOV_STORE);
  }

  params(): GovParams {
    const bytes = this.kv.get(PARAMS_KEY);
    return bytes ? fromProtoParams(Params.decode(bytes)) : DEFAULT_GOV_PARAMS;
  }

  setParams(params: GovParams): void {
    this.kv.set(PARAMS_KEY, encodeProto(Params, toProtoParams(params)));
  }

  nextProposalId(): bigint {
    const bytes = this.kv.get(NEXT_PROPOSAL_ID_KEY);
    return bytes ? readUint64(bytes) : 1n;
  }

  setNextProposalId(id: bigint): void {
    this.kv.set(NEXT_PROPOSAL_ID_KEY, uint64Key(id));
  }

  proposal(id: bigint): Proposal | undefined {
    const bytes = this.proposals().get(uint64Key(id));
    return bytes ? Proposal.decode(bytes) : undefined;
  }

  setProposal(proposal: Proposal): void {
    this.proposals().set(uint64Key(proposal.id), encodeProto(Proposal, proposal));
  }

  deleteProposal(id: bigint): void {
    this.proposals().delete(uint64Key(id));
  }

  /** Every proposal, keyed by id (uint64Key big-endian). */
  proposals(): KVStore {
    return new PrefixKV(this.kv, PROPOSAL_PREFIX);
  }

  enqueue(queue: Queue, end: Timestamp, id: bigint): void {
    this.queue(queue).set(queueKey(end, id), new Uint8Array(0));
  }

  dequeue(queue: Queue, end: Timestamp, id: bigint): void {
    this.queue(queue).delete(queueKey(end, id));
  }

  /** Up to `limit` ids whose end time is at or before `now`, earliest first. */
  due(queue: Queue, now: Timestamp, limit: number): { id: bigint; end: Timestamp }[] {
    const out: { id: bigint; end: Timestamp }[] = [];
    const end = queueKey({ seconds: now.seconds, nanos: now.nanos + 1 }, 0n);
    for (const [key] of this.queue(queue).iterate({ end })) {
      if (out.length >= limit) break;
      out.push({ id: queueKeyId(key), end: readTimeKey(key) });
    }
    return out;
  }

  private queue(queue: Queue): KVStore {
    return new PrefixKV(this.kv, queue === "active" ? ACTIVE_QUEUE_PREFIX : INACTIVE_QUEUE_PREFIX);
  }

  deposit(id: bigint, depositor: Uint8Array): Deposit | undefined {
    const bytes = this.allDeposits().get(perProposalKey(id, depositor));
    return bytes ? Deposit.decode(bytes) : undefined;
  }

  setDeposit(depositor: Uint8Array, deposit: Deposit): void {
    this.allDeposits().set(perProposalKey(deposit.proposalId, depositor), encodeProto(Deposit, deposit));
  }

  /** The deposits of one proposal, keyed by depositor bytes. */
  deposits(id: bigint): KVStore {
    return new PrefixKV(this.kv, concatBytes(DEPOSIT_PREFIX, uint64Key(id)));
  }

  /** All deposits, keyed by proposal id then depositor. */
  allDeposits(): KVStore {
    return new PrefixKV(this.kv, DEPOSIT_PREFIX);
  }

  vote(id: bigint, voter: Uint8Array): Vote | undefined {
    const bytes = this.allVotes().get(perProposalKey(id, voter));
    return bytes ? Vote.decode(bytes) : undefined;
  }

  setVote(voter: Uint8Array, vote: Vote): void {
    this.allVotes().set(perProposalKey(vote.proposalId, voter), encodeProto(Vote, vote));
  }

  /** The votes of one proposal, keyed by voter bytes. */
  votes(id: bigint): KVStore {
    return new PrefixKV(this.kv, concatBytes(VOTE_PREFIX, uint64Key(id)));
  }

  /** All votes, keyed by proposal id then voter. */
  allVotes(): KVStore {
    return new PrefixKV(this.kv, VOTE_PREFIX);
  }
}
