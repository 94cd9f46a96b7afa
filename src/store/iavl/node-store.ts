import { readUint32 } from "../bytes.js";
import type { StagedWrite, Table } from "../database.js";
import { RecentCache } from "../recent-cache.js";
import { decodeNode, encodeNode, type TreeNode } from "./node.js";

/** 8-byte big-endian id, so node keys sort (and append to the B-tree) in creation order. */
export function idKey(id: number): Uint8Array {
  const high = Math.floor(id / 2 ** 32);
  const low = id >>> 0;
  return Uint8Array.of(high >>> 24, (high >>> 16) & 255, (high >>> 8) & 255, high & 255, low >>> 24, (low >>> 16) & 255, (low >>> 8) & 255, low & 255);
}

export function readIdKey(bytes: Uint8Array, offset = 0): number {
  return readUint32(bytes, offset) * 2 ** 32 + readUint32(bytes, offset + 4);
}

/**
 * Saved tree nodes of every store: loaded from the database on demand and kept in a bounded
 * cache of recently used nodes. Also records, per version, which saved nodes that version replaced
 * ("orphans"), so pruning a version deletes exactly the nodes no kept version uses.
 */
export class NodeStore {
  private readonly cache: RecentCache<number, TreeNode>;
  /** Nodes saved since the last {@link flushed}: the cache may drop them before they are on disk. */
  private readonly unflushed = new Map<number, TreeNode>();
  /** Orphan ids staged per version in the current commit. */
  private readonly stagedOrphans = new Map<number, number[]>();

  constructor(
    private readonly nodes: Table,
    private readonly orphans: Table,
    cacheCapacity: number,
    /** The id the next saved node gets; ids are never reused. */
    public nextId: number,
  ) {
    this.cache = new RecentCache(Math.max(1, Math.floor(cacheCapacity / 2)));
  }

  get(id: number): TreeNode {
    const cached = this.cache.get(id) ?? this.unflushed.get(id);
    if (cached) return cached;
    const bytes = this.nodes.get(idKey(id));
    if (!bytes) throw new Error(`tree node ${id} is missing from the database`);
    const node = decodeNode(id, bytes);
    this.cache.set(id, node);
    return node;
  }

  /** Gives `node` the next id and stages it for the next database commit. */
  save(node: TreeNode): void {
    node.id = this.nextId++;
    this.nodes.put(idKey(node.id), encodeNode(node));
    this.cache.set(node.id, node);
    this.unflushed.set(node.id, node);
  }

  /** The saved nodes are on disk (or were discarded): the database serves them from now on. */
  flushed(): void {
    this.unflushed.clear();
  }

  /**
   * Records the saved nodes that `version` no longer uses, in one row per version (one tree's
   * orphans follow another's when several trees save the same version).
   */
  stageOrphans(version: number, ids: readonly number[]): void {
    if (ids.length === 0) return;
    const previous = this.stagedOrphans.get(version) ?? [];
    const all = [...previous, ...ids];
    this.stagedOrphans.set(version, all);
    const packed = new Uint8Array(all.length * 8);
    const view = new DataView(packed.buffer);
    all.forEach((id, i) => view.setBigUint64(i * 8, BigInt(id)));
    this.orphans.put(idKey(version), packed);
  }

  /** Forgets orphans staged for versions that were never committed. */
  clearStagedOrphans(): void {
    this.stagedOrphans.clear();
  }

  /**
   * The deletions of up to `limit` of the nodes orphaned by `version`, from the `from`th on:
   * nodes that no version from `version` on uses, so deleting them is safe once every earlier
   * version is pruned. The nodes leave the cache now; the caller applies the deletions.
   */
  pruneOrphansOf(version: number, from: number, limit: number): { deletions: StagedWrite[]; finished: boolean } {
    const packed = this.orphans.get(idKey(version));
    const total = packed ? packed.length / 8 : 0;
    const end = Math.min(total, from + limit);
    const deletions: StagedWrite[] = [];
    for (let i = from; i < end; i++) {
      const id = readIdKey(packed!, i * 8);
      deletions.push({ table: this.nodes, key: idKey(id), value: undefined });
      this.cache.delete(id);
    }
    const finished = end === total;
    if (finished && packed) deletions.push({ table: this.orphans, key: idKey(version), value: undefined });
    return { deletions, finished };
  }

}
