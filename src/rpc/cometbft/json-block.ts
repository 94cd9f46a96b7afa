import type { Block } from "cosmjs-types/tendermint/types/block";
import type { BlockID, Commit, Header } from "cosmjs-types/tendermint/types/types";
import type { StoredBlock } from "../../node/api.js";
import { base64, base64OrNull, hexUpper, int64, rfc3339, type Json } from "./json-values.js";

/** CometBFT's JSON for blocks and their parts (types/block.go, encoded by libs/json). */

export const EMPTY_BLOCK_ID: Json = { hash: "", parts: { total: 0, hash: "" } };

export function encodeBlockId(id: BlockID | undefined): Json {
  if (id === undefined) return EMPTY_BLOCK_ID;
  return { hash: hexUpper(id.hash), parts: { total: id.partSetHeader.total, hash: hexUpper(id.partSetHeader.hash) } };
}

export function encodeHeader(header: Header): Json {
  // Both version fields are `omitempty` in CometBFT's protobuf struct.
  const version: Record<string, Json> = {};
  if (header.version.block !== 0n) version.block = int64(header.version.block);
  if (header.version.app !== 0n) version.app = int64(header.version.app);
  return {
    version,
    chain_id: header.chainId,
    height: int64(header.height),
    time: rfc3339(header.time),
    last_block_id: encodeBlockId(header.lastBlockId),
    last_commit_hash: hexUpper(header.lastCommitHash),
    data_hash: hexUpper(header.dataHash),
    validators_hash: hexUpper(header.validatorsHash),
    next_validators_hash: hexUpper(header.nextValidatorsHash),
    consensus_hash: hexUpper(header.consensusHash),
    app_hash: hexUpper(header.appHash),
    last_results_hash: hexUpper(header.lastResultsHash),
    evidence_hash: hexUpper(header.evidenceHash),
    proposer_address: hexUpper(header.proposerAddress),
  };
}

/** A block's last commit; the first block has an empty one, as in CometBFT. */
export function encodeCommit(commit: Commit | undefined): Json {
  if (commit === undefined) return { height: "0", round: 0, block_id: EMPTY_BLOCK_ID, signatures: [] };
  return {
    height: int64(commit.height),
    round: commit.round,
    block_id: encodeBlockId(commit.blockId),
    signatures: commit.signatures.map((signature) => ({
      block_id_flag: signature.blockIdFlag,
      validator_address: hexUpper(signature.validatorAddress),
      timestamp: rfc3339(signature.timestamp),
      signature: base64OrNull(signature.signature),
    })),
  };
}

export function encodeBlock(block: Block): Json {
  // A single-validator chain has no one to equivocate against, so the node never includes
  // evidence; its amino-style JSON is not implemented.
  if (block.evidence.evidence.length > 0) throw new Error("blocks with evidence cannot be encoded as JSON by this node");
  return {
    header: encodeHeader(block.header),
    data: { txs: block.data.txs.map(base64) },
    evidence: { evidence: [] },
    last_commit: encodeCommit(block.lastCommit),
  };
}

export function encodeBlockMeta({ blockId, block, size }: StoredBlock): Json {
  return {
    block_id: encodeBlockId(blockId),
    block_size: int64(size),
    header: encodeHeader(block.header),
    num_txs: int64(block.data.txs.length),
  };
}
