import { ExecTxResult } from "cosmjs-types/tendermint/abci/types";
import { BinaryWriter } from "cosmjs-types/binary";
import { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { HashedParams, type ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { BlockID, CommitSig, type Commit, type Header, type PartSetHeader } from "cosmjs-types/tendermint/types/types";
import { SimpleValidator } from "cosmjs-types/tendermint/types/validator";
import { Consensus } from "cosmjs-types/tendermint/version/types";
import { compareBytes } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { merkleRoot } from "../../store/simple-merkle.js";
import { encodeProto } from "../../types/proto.js";
import { txHash } from "../../tx/tx-hash.js";

/**
 * The hashes a CometBFT v0.38 block commits to, computed exactly as CometBFT computes them, so
 * block ids, header fields and light-client proofs agree with any CometBFT client.
 */

/** CometBFT's block part size (types.BlockPartSizeBytes). */
const BLOCK_PART_SIZE = 65536;

/** A validator as the validator set hash sees it: ed25519 public key and voting power. */
export interface ValidatorPower {
  pubKey: Uint8Array;
  votingPower: bigint;
}

/** A validator's address: the first 20 bytes of sha256 of its ed25519 public key. */
export function validatorAddress(pubKey: Uint8Array): Uint8Array {
  return sha256(pubKey).subarray(0, 20);
}

/**
 * Header.Hash: the Merkle root of the 14 header fields, each encoded alone; scalars and byte
 * strings as gogoproto wrapper messages (StringValue, Int64Value, BytesValue).
 *
 * @example
 * const blockId = { hash: hashHeader(block.header), partSetHeader: partSetHeader(Block.encode(block).finish()) };
 */
export function hashHeader(header: Header): Uint8Array {
  // CometBFT returns no hash for such a header; a producer that builds one has a bug.
  if (header.validatorsHash.length === 0) throw new RangeError("a header without validators_hash has no hash");
  return merkleRoot([
    Consensus.encode(header.version).finish(),
    wrapString(header.chainId),
    wrapInt64(header.height),
    Timestamp.encode(header.time).finish(),
    BlockID.encode(header.lastBlockId).finish(),
    wrapBytes(header.lastCommitHash),
    wrapBytes(header.dataHash),
    wrapBytes(header.validatorsHash),
    wrapBytes(header.nextValidatorsHash),
    wrapBytes(header.consensusHash),
    wrapBytes(header.appHash),
    wrapBytes(header.lastResultsHash),
    wrapBytes(header.evidenceHash),
    wrapBytes(header.proposerAddress),
  ]);
}

// An empty value encodes to no bytes, as proto3 omits default fields (CometBFT's cdcEncode).
function wrapString(value: string): Uint8Array {
  return value === "" ? new Uint8Array(0) : new BinaryWriter().uint32(10).string(value).finish();
}

function wrapInt64(value: bigint): Uint8Array {
  return value === 0n ? new Uint8Array(0) : new BinaryWriter().uint32(8).int64(value).finish();
}

function wrapBytes(value: Uint8Array): Uint8Array {
  return value.length === 0 ? new Uint8Array(0) : new BinaryWriter().uint32(10).bytes(value).finish();
}

/** Header.data_hash: the Merkle root of sha256 of each tx (the tx hashes are the leaves). */
export function hashTxs(txs: readonly Uint8Array[]): Uint8Array {
  return merkleRoot(txs.map((tx) => txHash(tx)));
}

/**
 * Header.last_results_hash: the Merkle root of the txs' results reduced to their deterministic
 * fields (code, data, gas_wanted, gas_used); log, info, events and codespace do not count.
 */
export function hashTxResults(results: readonly ExecTxResult[]): Uint8Array {
  return merkleRoot(
    results.map((r) =>
      encodeProto(ExecTxResult, ExecTxResult.fromPartial({ code: r.code, data: r.data, gasWanted: r.gasWanted, gasUsed: r.gasUsed })),
    ),
  );
}

/**
 * CometBFT's validator set order: voting power descending, then address ascending. The set
 * hash, RequestInitChain's validators and a commit's signatures all follow it.
 */
export function sortValidatorSet<T extends ValidatorPower>(validators: readonly T[]): T[] {
  return validators
    .map((validator) => ({ validator, address: validatorAddress(validator.pubKey) }))
    .sort((a, b) => {
      const [powerA, powerB] = [a.validator.votingPower, b.validator.votingPower];
      if (powerA !== powerB) return powerA > powerB ? -1 : 1;
      return compareBytes(a.address, b.address);
    })
    .map((entry) => entry.validator);
}

/**
 * Header.validators_hash and next_validators_hash: the Merkle root of SimpleValidator{pub_key,
 * voting_power} in validator set order (sorted here, so any input order gives the set's hash).
 */
export function hashValidatorSet(validators: readonly ValidatorPower[]): Uint8Array {
  return merkleRoot(
    sortValidatorSet(validators).map((v) =>
      SimpleValidator.encode({ pubKey: { ed25519: v.pubKey }, votingPower: v.votingPower }).finish(),
    ),
  );
}

/** Header.consensus_hash: sha256 of HashedParams{block.max_bytes, block.max_gas}, not a Merkle root. */
export function hashConsensusParams(params: Required<Pick<ConsensusParams, "block">>): Uint8Array {
  return sha256(
    HashedParams.encode({ blockMaxBytes: params.block.maxBytes, blockMaxGas: params.block.maxGas }).finish(),
  );
}

/** Header.last_commit_hash: the Merkle root of the commit's CommitSig encodings. */
export function hashCommit(commit: Commit): Uint8Array {
  return merkleRoot(commit.signatures.map((sig) => CommitSig.encode(sig).finish()));
}

/** Header.evidence_hash of a block without evidence (the only kind a single validator makes). */
export function emptyEvidenceHash(): Uint8Array {
  return merkleRoot([]);
}

/**
 * The part set header of an encoded block: the number of 64 KiB parts and the Merkle root of
 * the parts' raw bytes (each part's proof leads to this same root).
 */
export function partSetHeader(blockBytes: Uint8Array): PartSetHeader {
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < blockBytes.length; offset += BLOCK_PART_SIZE) {
    parts.push(blockBytes.subarray(offset, offset + BLOCK_PART_SIZE));
  }
  return { total: parts.length, hash: merkleRoot(parts) };
}
