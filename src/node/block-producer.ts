import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { ResponseProcessProposal_ProposalStatus, type ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { Block } from "cosmjs-types/tendermint/types/block";
import type { BlockID, Commit, Header } from "cosmjs-types/tendermint/types/types";
import type { AbciApplication } from "../app/abci.js";
import type { StoredBlock } from "./api.js";
import type { BlockStore } from "./block-store.js";
import {
  emptyEvidenceHash,
  hashCommit,
  hashConsensusParams,
  hashHeader,
  hashTxResults,
  hashTxs,
  hashValidatorSet,
  partSetHeader,
} from "./consensus/block-hashing.js";
import type { GenesisConsensusParams, GenesisValidator } from "./consensus/genesis-doc.js";
import type { ValidatorKey } from "./consensus/keys.js";
import { signCommit } from "./consensus/votes.js";
import type { Mempool } from "./mempool.js";
import { laterThan } from "./time.js";
import type { TxIndex } from "./tx-index.js";
import { encodeProto } from "../types/proto.js";

/** CometBFT v0.38's block protocol version. */
const BLOCK_PROTOCOL = 11n;
const EMPTY_BLOCK_ID: BlockID = { hash: new Uint8Array(0), partSetHeader: { total: 0, hash: new Uint8Array(0) } };

export interface BlockProducerOptions {
  app: AbciApplication;
  blocks: BlockStore;
  txIndex: TxIndex;
  mempool: Mempool;
  chainId: string;
  validatorKey: ValidatorKey;
  validators: readonly GenesisValidator[];
  consensusParams: GenesisConsensusParams;
  genesisTime: Timestamp;
  initialHeight: bigint;
  appVersion: bigint;
  /** The app hash the next block's header carries: the state after the last block. */
  appHash: Uint8Array;
}

export interface ProducedBlock {
  stored: StoredBlock;
  results: ResponseFinalizeBlock;
  /** Wall time spent executing the block and committing it, for logs and benchmarks. */
  executeMs: number;
  commitMs: number;
}

/**
 * The single validator of the embedded node: takes txs from the mempool, builds a block exactly
 * as CometBFT would (header hashes, part set, the previous block's signed commit, BFT time from
 * that commit), has the app execute it, and persists block, results, tx index and state in one
 * database transaction.
 */
export class BlockProducer {
  private appHash: Uint8Array;

  constructor(private readonly options: BlockProducerOptions) {
    this.appHash = options.appHash;
  }

  /** Produces, executes and commits the next block; `now` is the validator's clock. */
  async produceBlock(now: Timestamp): Promise<ProducedBlock> {
    const { app, blocks, txIndex, mempool, chainId, validatorKey, validators, consensusParams } = this.options;
    const previous = blocks.latestBlock;
    const height = previous ? previous.block.header!.height + 1n : this.options.initialHeight;
    const lastCommit = previous ? blocks.seenCommit(previous.block.header!.height)! : emptyCommit();
    // BFT time: a block's time is the time of the previous block's commit (the genesis time first).
    const time = previous ? lastCommit.signatures[0]!.timestamp! : this.options.genesisTime;
    const lastResultsHash = previous ? blocks.resultsHash(previous.block.header!.height)! : new Uint8Array(0);
    const maxTxBytes = Number(consensusParams.block.maxBytes) - 10_000;
    const validatorsHash = hashValidatorSet(validators);
    const proposal = { height, time, nextValidatorsHash: validatorsHash, proposerAddress: validatorKey.address, misbehavior: [] };
    const candidates = mempool.reap(maxTxBytes, consensusParams.block.maxGas);
    const { txs } = await app.prepareProposal({ ...proposal, txs: candidates, maxTxBytes: BigInt(maxTxBytes), localLastCommit: { round: 0, votes: [] } });

    const header: Header = {
      version: { block: BLOCK_PROTOCOL, app: this.options.appVersion },
      chainId,
      height,
      time,
      lastBlockId: previous ? previous.blockId : EMPTY_BLOCK_ID,
      lastCommitHash: hashCommit(lastCommit),
      dataHash: hashTxs(txs),
      validatorsHash,
      nextValidatorsHash: validatorsHash,
      consensusHash: hashConsensusParams(consensusParams),
      appHash: this.appHash,
      lastResultsHash,
      evidenceHash: emptyEvidenceHash(),
      proposerAddress: validatorKey.address,
    };
    const block: Block = { header, data: { txs }, evidence: { evidence: [] }, lastCommit };
    const encoded = encodeProto(Block, block);
    const blockId: BlockID = { hash: hashHeader(header), partSetHeader: partSetHeader(encoded) };

    const verdict = await app.processProposal({ ...proposal, txs, hash: blockId.hash, proposedLastCommit: { round: 0, votes: [] } });
    if (verdict.status !== ResponseProcessProposal_ProposalStatus.ACCEPT) throw new Error(`the app rejected its own proposal for height ${height}`);

    const executeStarted = performance.now();
    const results = await app.finalizeBlock({
      txs,
      decidedLastCommit: {
        round: 0,
        votes: previous ? validators.map((v) => ({ validator: { address: v.address, power: v.votingPower }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT })) : [],
      },
      misbehavior: [],
      hash: blockId.hash,
      height,
      time,
      nextValidatorsHash: validatorsHash,
      proposerAddress: validatorKey.address,
    });
    const commitStarted = performance.now();
    const seenCommit = signCommit({ chainId, height, round: 0, blockId, timestamp: laterThan(now, time), key: validatorKey });
    blocks.save({ block, blockBytes: encoded, blockId, results, resultsHash: hashTxResults(results.txResults), seenCommit });
    txIndex.indexBlock(height, txs, results.txResults);
    await app.commit();
    blocks.committed();
    this.appHash = results.appHash;
    const committed = performance.now();
    return { stored: { block, blockId, size: encoded.length }, results, executeMs: commitStarted - executeStarted, commitMs: committed - commitStarted };
  }
}

function emptyCommit(): Commit {
  return { height: 0n, round: 0, blockId: EMPTY_BLOCK_ID, signatures: [] };
}
