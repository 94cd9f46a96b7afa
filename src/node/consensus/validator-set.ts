import type { ValidatorUpdate, VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag, ValidatorSet } from "cosmjs-types/tendermint/types/validator";
import type { CommitSig } from "cosmjs-types/tendermint/types/types";
import { bytesEqual, bytesToKey, toHex } from "../../store/bytes.js";
import { encodeProto } from "../../types/proto.js";
import { sortValidatorSet, validatorAddress, type ValidatorPower } from "./block-hashing.js";

/** A member of a consensus validator set: its address, ed25519 key and voting power. */
export interface SetValidator extends ValidatorPower {
  address: Uint8Array;
}

/** CometBFT's MaxTotalVotingPower: the largest total power a set may have (int64 max / 8). */
export const MAX_TOTAL_VOTING_POWER = (2n ** 63n - 1n) / 8n;

/** Validator updates CometBFT would refuse: it halts on them, and so does the embedded node. */
export class ValidatorUpdateError extends Error {
  override readonly name = "ValidatorUpdateError";
}

/**
 * A validator set from ABCI validator updates (InitChain's response), in CometBFT's order
 * (power descending, then address). Throws what CometBFT refuses: non-ed25519 keys, zero or
 * negative power, duplicates, an empty set, a total power above {@link MAX_TOTAL_VOTING_POWER}.
 */
export function validatorSetFromUpdates(updates: readonly ValidatorUpdate[]): SetValidator[] {
  if (updates.some((u) => u.power === 0n)) throw new ValidatorUpdateError("an initial validator has zero power");
  return applyValidatorUpdates([], updates);
}

/**
 * CometBFT's ValidatorSet.UpdateWithChangeSet: power 0 removes a validator, any other power adds
 * it or sets its power. Returns a new set in validator set order; the input is not modified.
 *
 * @example
 * const next = applyValidatorUpdates(set, [{ pubKey: { ed25519: key }, power: 0n }]); // removes key
 */
export function applyValidatorUpdates(set: readonly SetValidator[], updates: readonly ValidatorUpdate[]): SetValidator[] {
  const members = new Map(set.map((v) => [bytesToKey(v.address), v]));
  const seen = new Set<string>();
  for (const update of updates) {
    const pubKey = update.pubKey?.ed25519;
    if (!pubKey || pubKey.length !== 32) throw new ValidatorUpdateError("a validator update has no 32-byte ed25519 key (the only key type the consensus params allow)");
    const address = validatorAddress(pubKey);
    const key = bytesToKey(address);
    const name = toHex(address).toUpperCase();
    if (seen.has(key)) throw new ValidatorUpdateError(`duplicate validator update for ${name}`);
    seen.add(key);
    if (update.power < 0n) throw new ValidatorUpdateError(`validator ${name} has negative power ${update.power}`);
    if (update.power > MAX_TOTAL_VOTING_POWER) throw new ValidatorUpdateError(`validator ${name} has power ${update.power}, above the maximum ${MAX_TOTAL_VOTING_POWER}`);
    if (update.power === 0n) {
      if (!members.delete(key)) throw new ValidatorUpdateError(`cannot remove validator ${name}: it is not in the set`);
    } else {
      members.set(key, { address: Uint8Array.from(address), pubKey: Uint8Array.from(pubKey), votingPower: update.power });
    }
  }
  if (members.size === 0) throw new ValidatorUpdateError("applying the validator updates would leave an empty validator set");
  const total = [...members.values()].reduce((sum, v) => sum + v.votingPower, 0n);
  if (total > MAX_TOTAL_VOTING_POWER) throw new ValidatorUpdateError(`the validator set's total power ${total} would exceed ${MAX_TOTAL_VOTING_POWER}`);
  return sortValidatorSet([...members.values()]);
}

/** Whether `address` is a member of `set`. */
export function inValidatorSet(set: readonly SetValidator[], address: Uint8Array): boolean {
  return set.some((v) => bytesEqual(v.address, address));
}

/**
 * The votes of a block's last commit as the app sees them (decided_last_commit): every member of
 * the set that signed it, in set order; only `signer` signed (the embedded node's one key), the
 * others are absent.
 */
export function singleSignerVotes(set: readonly SetValidator[], signer: Uint8Array): VoteInfo[] {
  return set.map((v) => ({
    validator: { address: v.address, power: v.votingPower },
    blockIdFlag: bytesEqual(v.address, signer) ? BlockIDFlag.BLOCK_ID_FLAG_COMMIT : BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
  }));
}

/** Go's zero time.Time as a protobuf Timestamp: the time of an absent CommitSig. */
const GO_ZERO_TIME = { seconds: -62135596800n, nanos: 0 };

/**
 * A commit's signature slots, one per member of `set` in set order: `own` (the node's signed
 * precommit) in its slot, the others absent exactly as CometBFT writes them (no address, Go's
 * zero time, no signature), so the last commit hash matches CometBFT's.
 */
export function commitSignatures(set: readonly SetValidator[], own: CommitSig): CommitSig[] {
  return set.map((v) =>
    bytesEqual(v.address, own.validatorAddress)
      ? own
      : { blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT, validatorAddress: new Uint8Array(0), timestamp: GO_ZERO_TIME, signature: new Uint8Array(0) },
  );
}

/** The set's protobuf encoding (CometBFT's ValidatorSet, proposer priorities 0), as the node stores it. */
export function encodeValidatorSet(set: readonly SetValidator[]): Uint8Array {
  const validators = set.map((v) => ({ address: v.address, pubKey: { ed25519: v.pubKey }, votingPower: v.votingPower, proposerPriority: 0n }));
  const totalVotingPower = set.reduce((sum, v) => sum + v.votingPower, 0n);
  return encodeProto(ValidatorSet, { validators, proposer: undefined, totalVotingPower });
}

export function decodeValidatorSet(bytes: Uint8Array): SetValidator[] {
  return ValidatorSet.decode(bytes).validators.map((v) => ({ address: v.address, pubKey: v.pubKey!.ed25519!, votingPower: v.votingPower }));
}
