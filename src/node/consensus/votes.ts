import { BinaryWriter } from "cosmjs-types/binary";
import { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import {
  SignedMsgType,
  type BlockID,
  type Commit,
  type CommitSig,
  type Vote,
} from "cosmjs-types/tendermint/types/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { bytesEqual } from "../../store/bytes.js";
import type { ValidatorPower } from "./block-hashing.js";
import { verifyEd25519, type ValidatorKey } from "./keys.js";

/** The vote fields a signature covers (CometBFT's CanonicalVote, less the chain id). */
export type SignedVoteFields = Pick<Vote, "type" | "height" | "round" | "blockId" | "timestamp">;

/**
 * CometBFT v0.38 vote sign bytes: the CanonicalVote protobuf, length-delimited. Height and round
 * are fixed-width (sfixed64); a zero block id (a vote for nil) is left out.
 *
 * @example
 * const type = SignedMsgType.SIGNED_MSG_TYPE_PRECOMMIT;
 * key.sign(voteSignBytes("persistence-local-1", { type, height, round: 0, blockId, timestamp }))
 */
export function voteSignBytes(chainId: string, vote: SignedVoteFields): Uint8Array {
  const writer = new BinaryWriter();
  if (vote.type !== SignedMsgType.SIGNED_MSG_TYPE_UNKNOWN) writer.uint32(8).int32(vote.type);
  if (vote.height !== 0n) writer.uint32(17).sfixed64(vote.height);
  if (vote.round !== 0) writer.uint32(25).sfixed64(BigInt(vote.round));
  if (!isZeroBlockId(vote.blockId)) {
    writer.uint32(34).fork();
    if (vote.blockId.hash.length > 0) writer.uint32(10).bytes(vote.blockId.hash);
    writer.uint32(18).fork();
    const parts = vote.blockId.partSetHeader;
    if (parts.total !== 0) writer.uint32(8).uint32(parts.total);
    if (parts.hash.length > 0) writer.uint32(18).bytes(parts.hash);
    writer.ldelim().ldelim();
  }
  Timestamp.encode(vote.timestamp, writer.uint32(42).fork()).ldelim();
  if (chainId !== "") writer.uint32(50).string(chainId);
  return new BinaryWriter().bytes(writer.finish()).finish();
}

function isZeroBlockId(blockId: BlockID): boolean {
  return blockId.hash.length === 0 && blockId.partSetHeader.total === 0 && blockId.partSetHeader.hash.length === 0;
}

export interface SignCommitParams {
  chainId: string;
  height: bigint;
  round: number;
  blockId: BlockID;
  /** The precommit's time, also the next block's time for a single validator. */
  timestamp: Timestamp;
  key: ValidatorKey;
}

/**
 * The commit of a block by a single validator: its precommit for `blockId`, signed.
 *
 * @example
 * const commit = signCommit({ chainId, height: 5n, round: 0, blockId, timestamp: blockTime, key });
 */
export function signCommit(params: SignCommitParams): Commit {
  const { chainId, height, round, blockId, timestamp, key } = params;
  const signBytes = voteSignBytes(chainId, {
    type: SignedMsgType.SIGNED_MSG_TYPE_PRECOMMIT,
    height,
    round,
    blockId,
    timestamp,
  });
  return {
    height,
    round,
    blockId,
    signatures: [
      {
        blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
        validatorAddress: key.address,
        timestamp,
        signature: key.sign(signBytes),
      },
    ],
  };
}

export interface VerifyCommitParams {
  chainId: string;
  /** The validators that signed, in validator set order (see sortValidatorSet). */
  validators: readonly ValidatorPower[];
  blockId: BlockID;
  height: bigint;
  commit: Commit;
}

export type CommitVerification = { valid: true } | { valid: false; reason: string };

/**
 * CometBFT's VerifyCommit: one signature slot per validator, the expected height and block id,
 * every present signature valid, and more than 2/3 of the voting power committing to the block.
 *
 * @example
 * verifyCommit({ chainId, validators: [{ pubKey: key.publicKey, votingPower: 10n }], blockId, height, commit })
 * // { valid: true }
 */
export function verifyCommit(params: VerifyCommitParams): CommitVerification {
  const { chainId, validators, blockId, height, commit } = params;
  if (commit.signatures.length !== validators.length) {
    return invalid(`commit has ${commit.signatures.length} signatures for ${validators.length} validators`);
  }
  if (commit.height !== height) return invalid(`commit is for height ${commit.height}, expected ${height}`);
  if (!blockIdsEqual(commit.blockId, blockId)) return invalid("commit is for another block id");

  let totalPower = 0n;
  for (const validator of validators) totalPower += validator.votingPower;
  let committedPower = 0n;
  for (const [index, sig] of commit.signatures.entries()) {
    if (sig.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_ABSENT) continue;
    const problem = commitSigProblem(sig);
    if (problem !== undefined) return invalid(`signature ${index}: ${problem}`);
    const signBytes = voteSignBytes(chainId, {
      type: SignedMsgType.SIGNED_MSG_TYPE_PRECOMMIT,
      height: commit.height,
      round: commit.round,
      blockId: sig.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT ? commit.blockId : ZERO_BLOCK_ID,
      timestamp: sig.timestamp,
    });
    const validator = validators[index]!;
    if (!verifyEd25519(validator.pubKey, signBytes, sig.signature)) return invalid(`signature ${index} is wrong`);
    if (sig.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT) committedPower += validator.votingPower;
  }
  const needed = (totalPower * 2n) / 3n;
  if (committedPower <= needed) return invalid(`commit has voting power ${committedPower}, needs more than ${needed}`);
  return { valid: true };
}

const ZERO_BLOCK_ID: BlockID = { hash: new Uint8Array(0), partSetHeader: { total: 0, hash: new Uint8Array(0) } };

// CometBFT's CommitSig.ValidateBasic for a signature that is not absent.
function commitSigProblem(sig: CommitSig): string | undefined {
  if (sig.blockIdFlag !== BlockIDFlag.BLOCK_ID_FLAG_COMMIT && sig.blockIdFlag !== BlockIDFlag.BLOCK_ID_FLAG_NIL) {
    return `unknown block id flag ${sig.blockIdFlag}`;
  }
  if (sig.validatorAddress.length !== 20) return `validator address has ${sig.validatorAddress.length} bytes, expected 20`;
  if (sig.signature.length === 0) return "signature is missing";
  if (sig.signature.length > 64) return "signature is longer than 64 bytes";
  return undefined;
}

function blockIdsEqual(a: BlockID, b: BlockID): boolean {
  return (
    bytesEqual(a.hash, b.hash) &&
    a.partSetHeader.total === b.partSetHeader.total &&
    bytesEqual(a.partSetHeader.hash, b.partSetHeader.hash)
  );
}

function invalid(reason: string): CommitVerification {
  return { valid: false, reason };
}
