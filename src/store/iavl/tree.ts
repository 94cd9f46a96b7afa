import { compareBytes } from "../bytes.js";
import { sha256 } from "../hash.js";
import { TreeNode, hashInner, hashLeaf } from "./node.js";
import type { NodeStore } from "./node-store.js";

const EMPTY_TREE_HASH = sha256(new Uint8Array(0));

interface Removal {
  node: TreeNode | undefined;
  /** The new smallest key of the subtree, when removing its leftmost leaf changed it. */
  newKey: Uint8Array | undefined;
  value: Uint8Array | undefined;
}

/**
 * A versioned IAVL+ tree (the Cosmos SDK's Merkle AVL tree): every version is a root over
 * shared, immutable saved nodes; changes copy only the path from the root to the touched leaf,
 * so a version costs O(changed keys × log n) to build, hash and save. Node hashes follow IAVL
 * exactly, so proofs verify against ICS-23's standard `iavlSpec`.
 */
export class MutableTree {
  private root: TreeNode | undefined;
  private savedRoot: TreeNode | undefined;
  /** Saved nodes the working version replaced. */
  private orphans = new Set<number>();
  /** The version that new nodes belong to; the next save commits it. */
  workingVersion: number;

  constructor(
    private readonly nodes: NodeStore,
    /** The last saved version (0 before the first save). */
    public version: number,
    rootId: number,
  ) {
    this.savedRoot = rootId === 0 ? undefined : nodes.get(rootId);
    this.root = this.savedRoot;
    this.workingVersion = version + 1;
  }

  /** Saved nodes the working version has replaced so far. */
  get orphanCount(): number {
    return this.orphans.size;
  }

  get size(): number {
    return this.root?.size ?? 0;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return lookup(this.nodes, this.root, key);
  }

  /** Sets `key`; returns true when it replaced an existing value. */
  set(key: Uint8Array, value: Uint8Array): boolean {
    if (!this.root) {
      this.root = TreeNode.leaf(key, value, this.workingVersion);
      return false;
    }
    const [root, updated] = this.insert(this.root, key, value);
    this.root = root;
    return updated;
  }

  /** Removes `key`; returns its value, or undefined when it was absent. */
  remove(key: Uint8Array): Uint8Array | undefined {
    if (!this.root) return undefined;
    const removal = this.removeFrom(this.root, key);
    if (!removal) return undefined;
    this.root = removal.node;
    return removal.value;
  }

  /** The root hash of the working version (computing only the hashes of changed nodes). */
  workingHash(): Uint8Array {
    return this.root ? this.hashOf(this.root) : EMPTY_TREE_HASH;
  }

  /**
   * Stages the working version's new nodes and orphan records in the database (the caller
   * commits) and makes it the saved version. Returns the root's id (0 for an empty tree).
   */
  save(): number {
    const version = this.workingVersion;
    if (this.root) {
      this.hashOf(this.root);
      this.saveSubtree(this.root);
    }
    this.nodes.stageOrphans(version, [...this.orphans]);
    this.orphans = new Set();
    this.savedRoot = this.root;
    this.version = version;
    this.workingVersion = version + 1;
    return this.root?.id ?? 0;
  }

  /** Drops every change since the last save. */
  rollback(): void {
    this.root = this.savedRoot;
    this.orphans = new Set();
    this.workingVersion = this.version + 1;
  }

  private insert(node: TreeNode, key: Uint8Array, value: Uint8Array): [TreeNode, boolean] {
    const version = this.workingVersion;
    if (node.isLeaf) {
      const order = compareBytes(key, node.key);
      if (order === 0) {
        this.orphan(node);
        return [TreeNode.leaf(key, value, version), true];
      }
      const leaf = TreeNode.leaf(key, value, version);
      const parent = new TreeNode(order < 0 ? node.key : key, undefined, version, 1, 2);
      if (order < 0) this.link(parent, leaf, node);
      else this.link(parent, node, leaf);
      return [parent, false];
    }
    const copy = this.mutable(node);
    let updated: boolean;
    if (compareBytes(key, copy.key) < 0) {
      let child: TreeNode;
      [child, updated] = this.insert(this.leftOf(copy), key, value);
      this.setLeft(copy, child);
    } else {
      let child: TreeNode;
      [child, updated] = this.insert(this.rightOf(copy), key, value);
      this.setRight(copy, child);
    }
    if (updated) return [copy, true];
    this.updateHeightAndSize(copy);
    return [this.balance(copy), false];
  }

  private removeFrom(node: TreeNode, key: Uint8Array): Removal | undefined {
    if (node.isLeaf) {
      if (compareBytes(key, node.key) !== 0) return undefined;
      this.orphan(node);
      return { node: undefined, newKey: undefined, value: node.value };
    }
    if (compareBytes(key, node.key) < 0) {
      const removal = this.removeFrom(this.leftOf(node), key);
      if (!removal) return undefined;
      if (!removal.node) {
        const right = this.rightOf(node);
        this.orphan(node);
        return { node: right, newKey: node.key, value: removal.value };
      }
      const copy = this.mutable(node);
      this.setLeft(copy, removal.node);
      this.updateHeightAndSize(copy);
      return { node: this.balance(copy), newKey: removal.newKey, value: removal.value };
    }
    const removal = this.removeFrom(this.rightOf(node), key);
    if (!removal) return undefined;
    if (!removal.node) {
      const left = this.leftOf(node);
      this.orphan(node);
      return { node: left, newKey: undefined, value: removal.value };
    }
    const copy = this.mutable(node);
    this.setRight(copy, removal.node);
    if (removal.newKey) copy.key = removal.newKey;
    this.updateHeightAndSize(copy);
    return { node: this.balance(copy), newKey: undefined, value: removal.value };
  }

  private balance(node: TreeNode): TreeNode {
    const factor = this.balanceFactor(node);
    if (factor > 1) {
      const left = this.leftOf(node);
      if (this.balanceFactor(left) < 0) this.setLeft(node, this.rotateLeft(this.mutable(left)));
      return this.rotateRight(node);
    }
    if (factor < -1) {
      const right = this.rightOf(node);
      if (this.balanceFactor(right) > 0) this.setRight(node, this.rotateRight(this.mutable(right)));
      return this.rotateLeft(node);
    }
    return node;
  }

  private balanceFactor(node: TreeNode): number {
    return node.isLeaf ? 0 : this.leftOf(node).height - this.rightOf(node).height;
  }

  /** `node` must be a working node; returns the new subtree root. */
  private rotateRight(node: TreeNode): TreeNode {
    const pivot = this.mutable(this.leftOf(node));
    this.setLeft(node, this.rightOf(pivot));
    this.setRight(pivot, node);
    this.updateHeightAndSize(node);
    this.updateHeightAndSize(pivot);
    return pivot;
  }

  private rotateLeft(node: TreeNode): TreeNode {
    const pivot = this.mutable(this.rightOf(node));
    this.setRight(node, this.leftOf(pivot));
    this.setLeft(pivot, node);
    this.updateHeightAndSize(node);
    this.updateHeightAndSize(pivot);
    return pivot;
  }

  private updateHeightAndSize(node: TreeNode): void {
    const left = this.leftOf(node);
    const right = this.rightOf(node);
    node.height = Math.max(left.height, right.height) + 1;
    node.size = left.size + right.size;
  }

  /** A node of the working version that may be changed: saved nodes are copied, never changed. */
  private mutable(node: TreeNode): TreeNode {
    if (node.isSaved) {
      this.orphans.add(node.id);
      return node.cloneForVersion(this.workingVersion);
    }
    node.hash = undefined;
    return node;
  }

  private orphan(node: TreeNode): void {
    if (node.isSaved) this.orphans.add(node.id);
  }

  /** A node's child; only working nodes keep a link to it, so saved nodes can leave the cache. */
  private leftOf(node: TreeNode): TreeNode {
    if (node.left) return node.left;
    const child = this.nodes.get(node.leftId);
    if (!node.isSaved) node.left = child;
    return child;
  }

  private rightOf(node: TreeNode): TreeNode {
    if (node.right) return node.right;
    const child = this.nodes.get(node.rightId);
    if (!node.isSaved) node.right = child;
    return child;
  }

  private link(parent: TreeNode, left: TreeNode, right: TreeNode): void {
    this.setLeft(parent, left);
    this.setRight(parent, right);
  }

  private setLeft(node: TreeNode, child: TreeNode): void {
    node.left = child;
    node.leftId = child.id;
    node.leftHash = child.hash;
    node.hash = undefined;
  }

  private setRight(node: TreeNode, child: TreeNode): void {
    node.right = child;
    node.rightId = child.id;
    node.rightHash = child.hash;
    node.hash = undefined;
  }

  private hashOf(node: TreeNode): Uint8Array {
    if (node.hash) return node.hash;
    if (node.isLeaf) {
      node.hash = hashLeaf(node.key, node.value!, node.version);
    } else {
      node.leftHash = node.left ? this.hashOf(node.left) : node.leftHash!;
      node.rightHash = node.right ? this.hashOf(node.right) : node.rightHash!;
      node.hash = hashInner(node.height, node.size, node.version, node.leftHash, node.rightHash);
    }
    return node.hash;
  }

  /** Saves unsaved nodes children first, so every parent is encoded with its children's ids. */
  private saveSubtree(node: TreeNode): void {
    if (node.isSaved) return;
    if (!node.isLeaf) {
      const left = node.left;
      const right = node.right;
      if (left) {
        this.saveSubtree(left);
        node.leftId = left.id;
      }
      if (right) {
        this.saveSubtree(right);
        node.rightId = right.id;
      }
      node.left = undefined;
      node.right = undefined;
    }
    this.nodes.save(node);
  }
}

/** Reads `key` under `root`, loading saved nodes through `nodes`. */
export function lookup(nodes: NodeStore, root: TreeNode | undefined, key: Uint8Array): Uint8Array | undefined {
  let node = root;
  while (node && !node.isLeaf) {
    node = compareBytes(key, node.key) < 0 ? (node.left ?? nodes.get(node.leftId)) : (node.right ?? nodes.get(node.rightId));
  }
  return node && compareBytes(key, node.key) === 0 ? node.value : undefined;
}
