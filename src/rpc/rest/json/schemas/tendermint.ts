import {
  GetBlockByHeightResponse,
  GetLatestBlockResponse,
  GetNodeInfoResponse,
  GetSyncingResponse,
  Module,
  VersionInfo,
} from "cosmjs-types/cosmos/base/tendermint/v1beta1/query";
import * as sdk from "cosmjs-types/cosmos/base/tendermint/v1beta1/types";
import { PublicKey } from "cosmjs-types/tendermint/crypto/keys";
import { DefaultNodeInfo, DefaultNodeInfoOther, ProtocolVersion } from "cosmjs-types/tendermint/p2p/types";
import { Block } from "cosmjs-types/tendermint/types/block";
import {
  DuplicateVoteEvidence,
  Evidence,
  EvidenceList,
  LightClientAttackEvidence,
} from "cosmjs-types/tendermint/types/evidence";
import {
  BlockID,
  Commit,
  CommitSig,
  Data,
  Header,
  LightBlock,
  PartSetHeader,
  SignedHeader,
  SignedMsgType,
  Vote,
} from "cosmjs-types/tendermint/types/types";
import { BlockIDFlag, Validator, ValidatorSet } from "cosmjs-types/tendermint/types/validator";
import { Consensus } from "cosmjs-types/tendermint/version/types";
import { enumOf, message, oneof, repeated, type MessageSchema } from "../schema.js";

/** The header fields CometBFT and the SDK's own header share, in proto order. */
const headerFields = {
  version: Consensus,
  chain_id: "string",
  height: "int64",
  time: "timestamp",
  last_block_id: BlockID,
  last_commit_hash: "bytes",
  data_hash: "bytes",
  validators_hash: "bytes",
  next_validators_hash: "bytes",
  consensus_hash: "bytes",
  app_hash: "bytes",
  last_results_hash: "bytes",
  evidence_hash: "bytes",
} as const;

/** tendermint.* blocks, evidence and node info, and the cosmos.base.tendermint service responses. */
export const tendermintSchemas: readonly MessageSchema[] = [
  message(Consensus, { block: "uint64", app: "uint64" }),
  message(PartSetHeader, { total: "uint32", hash: "bytes" }),
  message(BlockID, { hash: "bytes", part_set_header: PartSetHeader }),
  message(Header, { ...headerFields, proposer_address: "bytes" }),
  message(Data, { txs: repeated("bytes") }),
  message(CommitSig, {
    block_id_flag: enumOf(BlockIDFlag),
    validator_address: "bytes",
    timestamp: "timestamp",
    signature: "bytes",
  }),
  message(Commit, {
    height: "int64",
    round: "int32",
    block_id: BlockID,
    signatures: repeated(CommitSig),
  }),
  message(Block, { header: Header, data: Data, evidence: EvidenceList, last_commit: Commit }),

  message(Vote, {
    type: enumOf(SignedMsgType),
    height: "int64",
    round: "int32",
    block_id: BlockID,
    timestamp: "timestamp",
    validator_address: "bytes",
    validator_index: "int32",
    signature: "bytes",
    extension: "bytes",
    extension_signature: "bytes",
  }),
  message(PublicKey, { ed25519: oneof("bytes"), secp256k1: oneof("bytes") }),
  message(Validator, {
    address: "bytes",
    pub_key: PublicKey,
    voting_power: "int64",
    proposer_priority: "int64",
  }),
  message(ValidatorSet, {
    validators: repeated(Validator),
    proposer: Validator,
    total_voting_power: "int64",
  }),
  message(SignedHeader, { header: Header, commit: Commit }),
  message(LightBlock, { signed_header: SignedHeader, validator_set: ValidatorSet }),
  message(DuplicateVoteEvidence, {
    vote_a: Vote,
    vote_b: Vote,
    total_voting_power: "int64",
    validator_power: "int64",
    timestamp: "timestamp",
  }),
  message(LightClientAttackEvidence, {
    conflicting_block: LightBlock,
    common_height: "int64",
    byzantine_validators: repeated(Validator),
    total_voting_power: "int64",
    timestamp: "timestamp",
  }),
  message(Evidence, {
    duplicate_vote_evidence: oneof(DuplicateVoteEvidence),
    light_client_attack_evidence: oneof(LightClientAttackEvidence),
  }),
  message(EvidenceList, { evidence: repeated(Evidence) }),

  message(sdk.Header, { ...headerFields, proposer_address: "string" }),
  message(sdk.Block, { header: sdk.Header, data: Data, evidence: EvidenceList, last_commit: Commit }),
  message(GetLatestBlockResponse, { block_id: BlockID, block: Block, sdk_block: sdk.Block }),
  message(GetBlockByHeightResponse, { block_id: BlockID, block: Block, sdk_block: sdk.Block }),
  message(GetSyncingResponse, { syncing: "bool" }),

  message(ProtocolVersion, { p2p: "uint64", block: "uint64", app: "uint64" }),
  message(DefaultNodeInfoOther, { tx_index: "string", rpc_address: "string" }),
  message(DefaultNodeInfo, {
    protocol_version: ProtocolVersion,
    default_node_id: "string",
    listen_addr: "string",
    network: "string",
    version: "string",
    channels: "bytes",
    moniker: "string",
    other: DefaultNodeInfoOther,
  }),
  message(Module, { path: "string", version: "string", sum: "string" }),
  message(VersionInfo, {
    name: "string",
    app_name: "string",
    version: "string",
    git_commit: "string",
    build_tags: "string",
    go_version: "string",
    build_deps: repeated(Module),
    cosmos_sdk_version: "string",
  }),
  message(GetNodeInfoResponse, { default_node_info: DefaultNodeInfo, application_version: VersionInfo }),
];
