import { ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { Block } from "cosmjs-types/tendermint/types/block";
import { BlockID, Commit } from "cosmjs-types/tendermint/types/types";
import type { Database, Table } from "../store/database.js";
import { idKey, readIdKey } from "../store/iavl/node-store.js";
import type { StoredBlock } from "./api.js";
import { encodeProto } from "../types/proto.js";

/** A block as the producer hands it over for storage. */
export interface BlockRecord {
  block: Block;
  /** The block's protobuf encoding, as the producer hashed it into the part set header. */
  blockBytes: Uint8Array;
  blockId: BlockID;
  /** The block's results; the txs' results are stored by the tx index, not here. */
  results: ResponseFinalizeBlock;
  /** Merkle root of the txs' results: the next header's last_results_hash. */
  resultsHash: Uint8Array;
  /** The validator's signed commit of this block (CometBFT's "seen commit"). */
  seenCommit: Commit;
}

function heightKey(height: bigint): Uint8Array {
  return idKey(Number(height));
}

/**
 * Blocks, their ids, results and commits by height, and heights by block hash. Writes are staged
 * in the shared database, so a block lands on disk in the same transaction as the state it
 * produced.
 */
export class BlockStore {
  private readonly blocks: Table;
  private readonly ids: Table;
  private readonly hashes: Table;
  private readonly results: Table;
  private readonly commits: Table;
  private readonly resultsHashes: Table;
  private latest: StoredBlock | undefined;
  /** The block staged for the next database commit, with what the block after it needs of it. */
  private pending: { stored: StoredBlock; seenCommit: Commit; resultsHash: Uint8Array } | undefined;

  constructor(database: Database) {
    this.blocks = database.table("blocks");
    this.ids = database.table("block_ids");
    this.hashes = database.table("block_hashes");
    this.results = database.table("block_results");
    this.commits = database.table("seen_commits");
    this.resultsHashes = database.table("results_hashes");
    const last = this.blocks.range({ reverse: true })[Symbol.iterator]().next();
    if (!last.done) this.latest = this.block(BigInt(readIdKey(last.value[0])));
  }

  /** The height of the last stored block; 0 when there is none. */
  get latestHeight(): bigint {
    return this.latest?.block.header!.height ?? 0n;
  }

  /** The height of the first stored block; 0 when there is none. */
  get baseHeight(): bigint {
    const first = this.blocks.range()[Symbol.iterator]().next();
    return first.done ? 0n : BigInt(readIdKey(first.value[0]));
  }

  get latestBlock(): StoredBlock | undefined {
    return this.latest;
  }

  /** The last block saved: the staged one until it is durable, then the latest. */
  get headBlock(): StoredBlock | undefined {
    return this.pending?.stored ?? this.latest;
  }

  /** Stages a block for the next database commit; call {@link committed} once it is durable. */
  save(record: BlockRecord): void {
    if (this.pending) throw new Error(`block ${record.block.header!.height} saved before block ${this.pending.stored.block.header!.height} is durable`);
    const key = heightKey(record.block.header!.height);
    this.blocks.put(key, record.blockBytes);
    this.ids.put(key, encodeProto(BlockID, record.blockId));
    this.hashes.put(record.blockId.hash, key);
    this.results.put(key, encodeProto(ResponseFinalizeBlock, { ...record.results, txResults: [] }));
    this.resultsHashes.put(key, record.resultsHash);
    this.commits.put(key, encodeProto(Commit, record.seenCommit));
    const stored = { block: record.block, blockId: record.blockId, size: record.blockBytes.length };
    this.pending = { stored, seenCommit: record.seenCommit, resultsHash: record.resultsHash };
  }

  /** The staged block is on disk: it becomes the latest. */
  committed(): void {
    this.latest = this.pending?.stored;
    this.pending = undefined;
  }


  block(height: bigint): StoredBlock | undefined {
    if (height <= 0n) return undefined;
    if (this.latest && height === this.latestHeight) return this.latest;
    const bytes = this.blocks.get(heightKey(height));
    const id = this.ids.get(heightKey(height));
    return bytes && id ? { block: Block.decode(bytes), blockId: BlockID.decode(id), size: bytes.length } : undefined;
  }

  blockByHash(hash: Uint8Array): StoredBlock | undefined {
    const key = this.hashes.get(hash);
    return key ? this.block(BigInt(readIdKey(key))) : undefined;
  }

  /** A block's results without its txs' results (the tx index holds those). */
  blockResults(height: bigint): ResponseFinalizeBlock | undefined {
    const bytes = height > 0n ? this.results.get(heightKey(height)) : undefined;
    return bytes ? ResponseFinalizeBlock.decode(bytes) : undefined;
  }

  /** The results hash of a stored block, or of the staged one. */
  resultsHash(height: bigint): Uint8Array | undefined {
    if (this.isPending(height)) return this.pending!.resultsHash;
    return height > 0n ? this.resultsHashes.get(heightKey(height)) : undefined;
  }

  /** The seen commit of a stored block, or of the staged one. */
  seenCommit(height: bigint): Commit | undefined {
    if (this.isPending(height)) return this.pending!.seenCommit;
    const bytes = height > 0n ? this.commits.get(heightKey(height)) : undefined;
    return bytes ? Commit.decode(bytes) : undefined;
  }

  private isPending(height: bigint): boolean {
    return this.pending !== undefined && this.pending.stored.block.header!.height === height;
  }
}
