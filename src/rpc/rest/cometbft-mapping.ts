import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { ResponseCheckTx, ResponseInfo, ResponseQuery, type Event, type ExecTxResult } from "cosmjs-types/tendermint/abci/types";
import type { PublicKey } from "cosmjs-types/tendermint/crypto/keys";
import { Block } from "cosmjs-types/tendermint/types/block";
import type { Evidence } from "cosmjs-types/tendermint/types/evidence";
import type { BlockID, Commit, Header, LightBlock, Vote } from "cosmjs-types/tendermint/types/types";
import type { Validator } from "cosmjs-types/tendermint/types/validator";
import type { IndexedTx, NodeInfo, StoredBlock, SyncInfo, TxSearchResult } from "../../node/api.js";
import { parseRfc3339Nanos } from "../../node/consensus/genesis-doc.js";

/**
 * CometBFT v0.38's JSON-RPC results as the node's types: the inverse of `rpc/cometbft`'s encoders.
 * CometBFT writes 64-bit integers as strings, `HexBytes` as hex, `[]byte` as base64 (null when
 * empty), and drops `omitempty` fields, so an absent field reads as its protobuf default.
 */

type JsonObject = Readonly<Record<string, unknown>>;

/** A result of the wrong shape; the REST server reports it as Internal. */
class CometBftAnswerError extends Error {
  constructor(what: string, value: unknown) {
    const shown = JSON.stringify(value);
    super(
      shown === undefined
        ? `CometBFT's RPC answer lacks ${what}`
        : `unexpected ${what} in CometBFT's RPC answer: ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`,
    );
    this.name = "CometBftAnswerError";
  }
}

/** `status` → the node info. */
export function decodeNodeInfo(result: unknown): NodeInfo {
  const info = object(field(object(result, "status"), "node_info"), "node_info");
  return {
    id: string(info, "id"),
    moniker: string(info, "moniker"),
    network: string(info, "network"),
    version: string(info, "version"),
    listenAddress: string(info, "listen_addr"),
    rpcAddress: string(optionalObject(info, "other"), "rpc_address"),
  };
}

/** `status` → the sync info; a chain without blocks has empty hashes and height 0. */
export function decodeSyncInfo(result: unknown): SyncInfo {
  const sync = object(field(object(result, "status"), "sync_info"), "sync_info");
  return {
    latestBlockHash: hex(sync, "latest_block_hash"),
    latestAppHash: hex(sync, "latest_app_hash"),
    latestBlockHeight: int64(sync, "latest_block_height"),
    latestBlockTime: time(sync, "latest_block_time"),
    earliestBlockHash: hex(sync, "earliest_block_hash"),
    earliestAppHash: hex(sync, "earliest_app_hash"),
    earliestBlockHeight: int64(sync, "earliest_block_height"),
    earliestBlockTime: time(sync, "earliest_block_time"),
    catchingUp: boolean(sync, "catching_up"),
  };
}

/** `block` → the block with its id; undefined where CometBFT has no block (`"block": null`). */
export function decodeResultBlock(result: unknown): StoredBlock | undefined {
  const resultBlock = object(result, "block result");
  if (resultBlock.block === null || resultBlock.block === undefined) return undefined;
  const json = object(resultBlock.block, "block");
  const block: Block = {
    header: decodeHeader(object(field(json, "header"), "header")),
    data: { txs: array(optionalObject(json, "data"), "txs").map((tx) => base64Value(tx, "tx")) },
    evidence: { evidence: array(optionalObject(json, "evidence"), "evidence").map(decodeEvidence) },
    // CometBFT gives the first block an empty last commit rather than none.
    lastCommit: decodeCommit(optionalObject(json, "last_commit")),
  };
  return { blockId: decodeBlockId(field(resultBlock, "block_id")), block, size: Block.encode(block).finish().length };
}

/** `tx` and each of `tx_search`'s txs (`ResultTx`). */
export function decodeResultTx(result: unknown): IndexedTx {
  const tx = object(result, "tx");
  return {
    hash: hex(tx, "hash"),
    height: int64(tx, "height"),
    index: int(tx, "index"),
    tx: base64(tx, "tx"),
    result: decodeExecTxResult(object(field(tx, "tx_result"), "tx_result")),
  };
}

export function decodeTxSearch(result: unknown): TxSearchResult {
  const search = object(result, "tx_search result");
  return { txs: array(search, "txs").map(decodeResultTx), totalCount: int(search, "total_count") };
}

/** `abci_info`'s response (libs/json, `omitempty`). */
export function decodeAbciInfo(result: unknown): ResponseInfo {
  const info = object(field(object(result, "abci_info result"), "response"), "response");
  return ResponseInfo.fromPartial({
    data: string(info, "data"),
    version: string(info, "version"),
    appVersion: int64(info, "app_version"),
    lastBlockHeight: int64(info, "last_block_height"),
    lastBlockAppHash: base64(info, "last_block_app_hash"),
  });
}

/** `abci_query`'s response (gogoproto jsonpb: camelCase `proofOps`). */
export function decodeAbciQuery(result: unknown): ResponseQuery {
  const query = object(field(object(result, "abci_query result"), "response"), "response");
  const proofOps = query.proofOps ?? null;
  return ResponseQuery.fromPartial({
    code: int(query, "code"),
    log: string(query, "log"),
    info: string(query, "info"),
    index: int64(query, "index"),
    key: base64(query, "key"),
    value: base64(query, "value"),
    proofOps:
      proofOps === null
        ? undefined
        : {
            ops: array(object(proofOps, "proofOps"), "ops").map((op) => {
              const proofOp = object(op, "proof op");
              return { type: string(proofOp, "type"), key: base64(proofOp, "key"), data: base64(proofOp, "data") };
            }),
          },
    height: int64(query, "height"),
    codespace: string(query, "codespace"),
  });
}

/** `broadcast_tx_sync` (`ResultBroadcastTx`): CheckTx's code, data (hex), log and codespace only. */
export function decodeBroadcastTxSync(result: unknown): ResponseCheckTx {
  const broadcast = object(result, "broadcast_tx_sync result");
  return ResponseCheckTx.fromPartial({
    code: int(broadcast, "code"),
    data: hex(broadcast, "data"),
    log: string(broadcast, "log"),
    codespace: string(broadcast, "codespace"),
  });
}

function decodeExecTxResult(result: JsonObject): ExecTxResult {
  return {
    code: int(result, "code"),
    data: base64(result, "data"),
    log: string(result, "log"),
    info: string(result, "info"),
    gasWanted: int64(result, "gas_wanted"),
    gasUsed: int64(result, "gas_used"),
    events: array(result, "events").map(decodeEvent),
    codespace: string(result, "codespace"),
  };
}

function decodeEvent(json: unknown): Event {
  const event = object(json, "event");
  return {
    type: string(event, "type"),
    attributes: array(event, "attributes").map((attribute) => {
      const pair = object(attribute, "event attribute");
      return { key: string(pair, "key"), value: string(pair, "value"), index: boolean(pair, "index") };
    }),
  };
}

function decodeBlockId(json: unknown): BlockID {
  const id = object(json, "block id");
  const parts = optionalObject(id, "parts");
  return { hash: hex(id, "hash"), partSetHeader: { total: int(parts, "total"), hash: hex(parts, "hash") } };
}

function decodeHeader(header: JsonObject): Header {
  const version = optionalObject(header, "version");
  return {
    version: { block: int64(version, "block"), app: int64(version, "app") },
    chainId: string(header, "chain_id"),
    height: int64(header, "height"),
    time: time(header, "time"),
    lastBlockId: decodeBlockId(field(header, "last_block_id")),
    lastCommitHash: hex(header, "last_commit_hash"),
    dataHash: hex(header, "data_hash"),
    validatorsHash: hex(header, "validators_hash"),
    nextValidatorsHash: hex(header, "next_validators_hash"),
    consensusHash: hex(header, "consensus_hash"),
    appHash: hex(header, "app_hash"),
    lastResultsHash: hex(header, "last_results_hash"),
    evidenceHash: hex(header, "evidence_hash"),
    proposerAddress: hex(header, "proposer_address"),
  };
}

function decodeCommit(commit: JsonObject): Commit {
  return {
    height: int64(commit, "height"),
    round: int(commit, "round"),
    blockId: decodeBlockId(commit.block_id ?? {}),
    signatures: array(commit, "signatures").map((json) => {
      const signature = object(json, "commit signature");
      return {
        blockIdFlag: int(signature, "block_id_flag"),
        validatorAddress: hex(signature, "validator_address"),
        timestamp: time(signature, "timestamp"),
        signature: base64(signature, "signature"),
      };
    }),
  };
}

/**
 * Evidence, in libs/json's registered-type form `{ "type": "tendermint/…", "value": {…} }`.
 * The structs' untagged fields keep their Go names (`TotalVotingPower`, `ConflictingBlock`, …).
 */
function decodeEvidence(json: unknown): Evidence {
  const typed = object(json, "evidence");
  const value = object(field(typed, "value"), "evidence value");
  switch (typed.type) {
    case "tendermint/DuplicateVoteEvidence":
      return {
        duplicateVoteEvidence: {
          voteA: decodeVote(object(field(value, "vote_a"), "vote_a")),
          voteB: decodeVote(object(field(value, "vote_b"), "vote_b")),
          totalVotingPower: int64(value, "TotalVotingPower"),
          validatorPower: int64(value, "ValidatorPower"),
          timestamp: time(value, "Timestamp"),
        },
      };
    case "tendermint/LightClientAttackEvidence":
      return {
        lightClientAttackEvidence: {
          conflictingBlock: decodeLightBlock(object(field(value, "ConflictingBlock"), "ConflictingBlock")),
          commonHeight: int64(value, "CommonHeight"),
          byzantineValidators: array(value, "ByzantineValidators").map(decodeValidator),
          totalVotingPower: int64(value, "TotalVotingPower"),
          timestamp: time(value, "Timestamp"),
        },
      };
    default:
      throw new CometBftAnswerError("evidence type", typed.type);
  }
}

function decodeVote(vote: JsonObject): Vote {
  return {
    type: int(vote, "type"),
    height: int64(vote, "height"),
    round: int(vote, "round"),
    blockId: decodeBlockId(field(vote, "block_id")),
    timestamp: time(vote, "timestamp"),
    validatorAddress: hex(vote, "validator_address"),
    validatorIndex: int(vote, "validator_index"),
    signature: base64(vote, "signature"),
    extension: base64(vote, "extension"),
    extensionSignature: base64(vote, "extension_signature"),
  };
}

function decodeLightBlock(lightBlock: JsonObject): LightBlock {
  const signedHeader = optionalObject(lightBlock, "signed_header");
  const validatorSet = optionalObject(lightBlock, "validator_set");
  return {
    signedHeader: {
      header: decodeHeader(object(field(signedHeader, "header"), "header")),
      commit: decodeCommit(optionalObject(signedHeader, "commit")),
    },
    validatorSet: {
      validators: array(validatorSet, "validators").map(decodeValidator),
      proposer: validatorSet.proposer == null ? undefined : decodeValidator(validatorSet.proposer),
      // CometBFT's ValidatorSet.ToProto leaves the total at 0, as the set's hash does.
      totalVotingPower: 0n,
    },
  };
}

function decodeValidator(json: unknown): Validator {
  const validator = object(json, "validator");
  return {
    address: hex(validator, "address"),
    pubKey: decodePubKey(object(field(validator, "pub_key"), "pub_key")),
    votingPower: int64(validator, "voting_power"),
    proposerPriority: int64(validator, "proposer_priority"),
  };
}

function decodePubKey(pubKey: JsonObject): PublicKey {
  const key = base64(pubKey, "value");
  switch (pubKey.type) {
    case "tendermint/PubKeyEd25519":
      return { ed25519: key };
    case "tendermint/PubKeySecp256k1":
      return { secp256k1: key };
    default:
      throw new CometBftAnswerError("public key type", pubKey.type);
  }
}

// Field readers: an absent or null field is the protobuf default, a present one must have the right type.

function object(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new CometBftAnswerError(what, value);
  return value as JsonObject;
}

function field(json: JsonObject, key: string): unknown {
  if (json[key] === undefined) throw new CometBftAnswerError(key, undefined);
  return json[key];
}

function optionalObject(json: JsonObject, key: string): JsonObject {
  return json[key] == null ? {} : object(json[key], key);
}

function array(json: JsonObject, key: string): readonly unknown[] {
  const value = json[key];
  if (value == null) return [];
  if (!Array.isArray(value)) throw new CometBftAnswerError(key, value);
  return value;
}

function string(json: JsonObject, key: string): string {
  const value = json[key] ?? "";
  if (typeof value !== "string") throw new CometBftAnswerError(key, value);
  return value;
}

function boolean(json: JsonObject, key: string): boolean {
  const value = json[key] ?? false;
  if (typeof value !== "boolean") throw new CometBftAnswerError(key, value);
  return value;
}

/** A 32-bit integer, a JSON number (or a decimal string, as some of CometBFT's `int`s are written). */
function int(json: JsonObject, key: string): number {
  const value = json[key] ?? 0;
  const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) throw new CometBftAnswerError(key, value);
  return number;
}

/** A 64-bit integer, written as a decimal string. */
function int64(json: JsonObject, key: string): bigint {
  const value = json[key] ?? "0";
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) throw new CometBftAnswerError(key, value);
  return BigInt(value);
}

function hex(json: JsonObject, key: string): Uint8Array {
  const value = string(json, key);
  if (!/^([0-9a-fA-F]{2})*$/.test(value)) throw new CometBftAnswerError(key, value);
  return new Uint8Array(Buffer.from(value, "hex"));
}

function base64(json: JsonObject, key: string): Uint8Array {
  return base64Value(json[key] ?? "", key);
}

function base64Value(value: unknown, what: string): Uint8Array {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new CometBftAnswerError(what, value);
  return new Uint8Array(Buffer.from(value, "base64"));
}

/** An RFC 3339 time; an absent one is Go's zero time, `0001-01-01T00:00:00Z`, as in the protobuf form. */
function time(json: JsonObject, key: string): Timestamp {
  const value = string(json, key);
  try {
    return parseRfc3339Nanos(value);
  } catch {
    throw new CometBftAnswerError(key, value);
  }
}
