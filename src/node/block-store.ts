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
  blockId: BlockID;
  results: ResponseFinalizeBlock;
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
  private latest: StoredBlock | undefined;
  private pending: StoredBlock | undefined;

  constructor(database: Database) {
    this.blocks = database.table("blocks");
    this.ids = database.table("block_ids");
    this.hashes = database.table("block_hashes");
    this.results = database.table("block_results");
    this.commits = database.table("seen_commits");
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

  /** Stages a block for the next database commit; call {@link committed} once it is durable. */
  save(record: BlockRecord): void {
    const height = record.block.header!.height;
    const bytes = encodeProto(Block, record.block);
    const key = heightKey(height);
    this.blocks.put(key, bytes);
    this.ids.put(key, encodeProto(BlockID, record.blockId));
    this.hashes.put(record.blockId.hash, key);
    this.results.put(key, encodeProto(ResponseFinalizeBlock, record.results));
    this.commits.put(key, encodeProto(Commit, record.seenCommit));
    this.pending = { block: record.block, blockId: record.blockId, size: bytes.length };
  }

  /** The staged block is on disk: it becomes the latest. */
  committed(): void {
    this.latest = this.pending;
    this.pending = undefined;
  }

  /** Forgets a block that was staged but will not be committed. */
  discardUncommitted(): void {
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

  blockResults(height: bigint): ResponseFinalizeBlock | undefined {
    const bytes = height > 0n ? this.results.get(heightKey(height)) : undefined;
    return bytes ? ResponseFinalizeBlock.decode(bytes) : undefined;
  }

  seenCommit(height: bigint): Commit | undefined {
    const bytes = height > 0n ? this.commits.get(heightKey(height)) : undefined;
    return bytes ? Commit.decode(bytes) : undefined;
  }
}
