import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { ResponseProcessProposal_ProposalStatus, type ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { Block } from "cosmjs-types/tendermint/types/block";
import type { BlockID, Commit, Header } from "cosmjs-types/tendermint/types/types";
import type { AbciApplication } from "../app/abci.js";
import { toHex } from "../store/bytes.js";
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
import type { GenesisConsensusParams } from "./consensus/genesis-doc.js";
import type { ValidatorKey } from "./consensus/keys.js";
import { applyValidatorUpdates, commitSignatures, inValidatorSet, singleSignerVotes, type SetValidator } from "./consensus/validator-set.js";
import { signCommit } from "./consensus/votes.js";
import type { Mempool } from "./mempool.js";
import { laterThan } from "./time.js";
import type { TxIndex } from "./tx-index.js";
import type { ValidatorSets } from "./validator-sets.js";
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
  /** Where the validator set of each height is persisted, with the blocks. */
  validatorSets: ValidatorSets;
  /**
   * The validator sets of the last height (none before the first block), of the next height and of
   * the one after (known a height ahead, as CometBFT's next_validators_hash).
   */
  sets: ProducerValidatorSets;
  consensusParams: GenesisConsensusParams;
  genesisTime: Timestamp;
  initialHeight: bigint;
  appVersion: bigint;
  /** The app hash the next block's header carries: the state after the last block. */
  appHash: Uint8Array;
}

export interface ProducerValidatorSets {
  last: readonly SetValidator[];
  current: readonly SetValidator[];
  next: readonly SetValidator[];
}

/** The node's own validator is not in the set of the height it would produce: a single-key node cannot go on. */
export class NotAValidatorError extends Error {
  override readonly name = "NotAValidatorError";
}

/** A block on disk. */
export interface ProducedBlock {
  stored: StoredBlock;
  results: ResponseFinalizeBlock;
  /** Wall time spent executing the block and committing it, for logs and benchmarks. */
  executeMs: number;
  commitMs: number;
}

/** A block executed and being written: the next one may be produced meanwhile. */
export interface StagedBlock {
  /** Settles once the block is on disk (and the block store's latest). */
  committed: Promise<ProducedBlock>;
  /** Settles once the mempool has dropped the block's txs and rechecked the rest. */
  mempoolUpdated: Promise<void>;
}

/**
 * The block producer of the embedded node, whose one key signs every block: takes txs from the
 * mempool, builds a block exactly as CometBFT would (header hashes, part set, the previous
 * block's commit, BFT time from that commit), has the app execute it, and persists block,
 * results, tx index, the next validator set and state in one database transaction.
 *
 * The validator set follows the app's updates with CometBFT's delay: updates returned by
 * FinalizeBlock at height H form the set of H+2. Other validators never sign: they are absent
 * from every commit (and from decided_last_commit), so this node keeps producing whatever their
 * power; when its own validator is not in the set of the next height it stops
 * ({@link NotAValidatorError}), as a CometBFT network without its signers halts.
 */
export class BlockProducer {
  private appHash: Uint8Array;
  private sets: ProducerValidatorSets;
  /** The last block produced, which may still be being written. */
  private lastStaged: StagedBlock | undefined;

  constructor(private readonly options: BlockProducerOptions) {
    this.appHash = options.appHash;
    this.sets = options.sets;
  }

  /** The validator set of the next height to produce. */
  get currentValidators(): readonly SetValidator[] {
    return this.sets.current;
  }

  /**
   * Produces and executes the next block and starts committing it; `now` is the validator's clock.
   * It executes while the block before is still being written (on the state that block made),
   * once the mempool dropped that block's txs; it commits once the block before is on disk.
   */
  async produceBlock(now: Timestamp): Promise<StagedBlock> {
    const { app, blocks, txIndex, mempool, chainId, validatorKey, consensusParams } = this.options;
    const before = this.lastStaged;
    await before?.mempoolUpdated;
    const { last, current, next } = this.sets;
    const previous = blocks.headBlock;
    const height = previous ? previous.block.header!.height + 1n : this.options.initialHeight;
    if (!inValidatorSet(current, validatorKey.address)) {
      throw new NotAValidatorError(`this node's validator ${toHex(validatorKey.address).toUpperCase()} is not in the validator set of height ${height}: a single-key node cannot sign without it, so it produces no more blocks (the chain halts, as a CometBFT network whose signers left)`);
    }
    const lastCommit = previous ? blocks.seenCommit(previous.block.header!.height)! : emptyCommit();
    // BFT time: a block's time is the time of the previous block's commit (the genesis time
    // first); the commit's only vote is this node's, so its weighted median is that vote's time.
    const time = previous ? lastCommit.signatures.find((sig) => sig.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT)!.timestamp! : this.options.genesisTime;
    const lastResultsHash = previous ? blocks.resultsHash(previous.block.header!.height)! : new Uint8Array(0);
    const maxTxBytes = Number(consensusParams.block.maxBytes) - 10_000;
    const validatorsHash = hashValidatorSet(current);
    const nextValidatorsHash = hashValidatorSet(next);
    const votes = previous ? singleSignerVotes(last, validatorKey.address) : [];
    const proposal = { height, time, nextValidatorsHash, proposerAddress: validatorKey.address, misbehavior: [] };
    const candidates = mempool.reap(maxTxBytes, consensusParams.block.maxGas);
    const localLastCommit = { round: 0, votes: votes.map((vote) => ({ ...vote, voteExtension: new Uint8Array(0), extensionSignature: new Uint8Array(0) })) };
    const { txs } = await app.prepareProposal({ ...proposal, txs: candidates, maxTxBytes: BigInt(maxTxBytes), localLastCommit });

    const header: Header = {
      version: { block: BLOCK_PROTOCOL, app: this.options.appVersion },
      chainId,
      height,
      time,
      lastBlockId: previous ? previous.blockId : EMPTY_BLOCK_ID,
      lastCommitHash: hashCommit(lastCommit),
      dataHash: hashTxs(txs),
      validatorsHash,
      nextValidatorsHash,
      consensusHash: hashConsensusParams(consensusParams),
      appHash: this.appHash,
      lastResultsHash,
      evidenceHash: emptyEvidenceHash(),
      proposerAddress: validatorKey.address,
    };
    const block: Block = { header, data: { txs }, evidence: { evidence: [] }, lastCommit };
    const encoded = encodeProto(Block, block);
    const blockId: BlockID = { hash: hashHeader(header), partSetHeader: partSetHeader(encoded) };

    const verdict = await app.processProposal({ ...proposal, txs, hash: blockId.hash, proposedLastCommit: { round: 0, votes } });
    if (verdict.status !== ResponseProcessProposal_ProposalStatus.ACCEPT) throw new Error(`the app rejected its own proposal for height ${height}`);

    const executeStarted = performance.now();
    const results = await app.finalizeBlock({
      txs,
      decidedLastCommit: { round: 0, votes },
      misbehavior: [],
      hash: blockId.hash,
      height,
      time,
      nextValidatorsHash,
      proposerAddress: validatorKey.address,
    });
    const executeMs = performance.now() - executeStarted;
    // Updates CometBFT refuses halt it; here they throw before anything is committed.
    const afterNext = results.validatorUpdates.length > 0 ? applyValidatorUpdates(next, results.validatorUpdates) : next;
    const signed = signCommit({ chainId, height, round: 0, blockId, timestamp: laterThan(now, time), key: validatorKey });
    const seenCommit = { ...signed, signatures: commitSignatures(current, signed.signatures[0]!) };
    await before?.committed;
    const commitStarted = performance.now();
    if (!previous) this.options.validatorSets.stage(height, current);
    if (afterNext !== next) this.options.validatorSets.stage(height + 2n, afterNext);
    blocks.save({ block, blockBytes: encoded, blockId, results, resultsHash: hashTxResults(results.txResults), seenCommit });
    txIndex.indexBlock(height, txs, results.txResults);
    mempool.hold();
    const written = app.commit();
    // The app's CheckTx is on the block's state already: the rechecks run while the block is written.
    const mempoolUpdated = mempool.update(txs);
    this.appHash = results.appHash;
    this.sets = { last: current, current: next, next: afterNext };
    const stored = { block, blockId, size: encoded.length };
    const committed = written.then(() => {
      blocks.committed();
      return { stored, results, executeMs, commitMs: performance.now() - commitStarted };
    });
    // The caller awaits the update after the commit; if the commit fails, nobody does.
    void mempoolUpdated.catch(() => undefined);
    this.lastStaged = { committed, mempoolUpdated };
    return this.lastStaged;
  }
}

function emptyCommit(): Commit {
  return { height: 0n, round: 0, blockId: EMPTY_BLOCK_ID, signatures: [] };
}
