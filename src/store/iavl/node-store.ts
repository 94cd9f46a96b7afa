import type { Table } from "../database.js";
import { decodeNode, encodeNode, type TreeNode } from "./node.js";

/** 8-byte big-endian id, so node keys sort (and append to the B-tree) in creation order. */
export function idKey(id: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(id / 2 ** 32));
  view.setUint32(4, id >>> 0);
  return out;
}

export function readIdKey(bytes: Uint8Array, offset = 0): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 8);
  return view.getUint32(0) * 2 ** 32 + view.getUint32(4);
}

/**
 * Saved tree nodes of every store: loaded from the database on demand and kept in a bounded
 * first-in-first-out cache. Also records, per version, which saved nodes that version replaced
 * ("orphans"), so pruning a version deletes exactly the nodes no kept version uses.
 */
export class NodeStore {
  private readonly cache = new Map<number, TreeNode>();

  constructor(
    private readonly nodes: Table,
    private readonly orphans: Table,
    private readonly cacheCapacity: number,
    /** The id the next saved node gets; ids are never reused. */
    public nextId: number,
  ) {}

  get(id: number): TreeNode {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const bytes = this.nodes.get(idKey(id));
    if (!bytes) throw new Error(`tree node ${id} is missing from the database`);
    const node = decodeNode(id, bytes);
    this.remember(node);
    return node;
  }

  /** Gives `node` the next id and stages it for the next database commit. */
  save(node: TreeNode): void {
    node.id = this.nextId++;
    this.nodes.put(idKey(node.id), encodeNode(node));
    this.remember(node);
  }

  /** Records that `version` no longer uses the saved node `id`. */
  stageOrphan(version: number, id: number): void {
    const key = new Uint8Array(16);
    key.set(idKey(version), 0);
    key.set(idKey(id), 8);
    this.orphans.put(key, new Uint8Array(0));
  }

  /**
   * Deletes the nodes orphaned by `version`: those no version from `version` on uses. Safe once
   * every version before `version` is pruned. Returns how many nodes were deleted.
   */
  pruneOrphansOf(version: number): number {
    let count = 0;
    for (const [key] of this.orphans.range({ start: idKey(version), end: idKey(version + 1) })) {
      const id = readIdKey(key, 8);
      this.nodes.delete(idKey(id));
      this.orphans.delete(key);
      this.cache.delete(id);
      count++;
    }
    return count;
  }

  private remember(node: TreeNode): void {
    if (this.cache.size >= this.cacheCapacity) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(node.id, node);
  }
}
