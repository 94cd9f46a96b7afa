import {
  HashOp,
  LengthOp,
  type CommitmentProof,
  type ExistenceProof,
  type InnerOp,
  type LeafOp,
} from "cosmjs-types/cosmos/ics23/v1/proofs";
import { compareBytes, concatBytes } from "../bytes.js";
import type { KeyRange } from "../database.js";
import { sha256 } from "../hash.js";
import { hashPreimagePrefix, type TreeNode } from "./node.js";
import type { NodeStore } from "./node-store.js";
import { lookup } from "./tree.js";

const EMPTY_TREE_HASH = sha256(new Uint8Array(0));
const CHILD_HASH_LENGTH = Uint8Array.of(32);

/** A saved version of one tree: reads, ordered iteration and ICS-23 proofs. */
export class TreeSnapshot {
  constructor(
    private readonly nodes: NodeStore,
    private readonly root: TreeNode | undefined,
  ) {}

  static at(nodes: NodeStore, rootId: number): TreeSnapshot {
    return new TreeSnapshot(nodes, rootId === 0 ? undefined : nodes.get(rootId));
  }

  get rootHash(): Uint8Array {
    return this.root?.hash ?? EMPTY_TREE_HASH;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return lookup(this.nodes, this.root, key);
  }

  /** Entries with start <= key < end, in key order (descending with `reverse`). */
  *iterate(range: KeyRange = {}): Generator<[Uint8Array, Uint8Array]> {
    const { start, end, reverse } = range;
    const stack: TreeNode[] = this.root ? [this.root] : [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.isLeaf) {
        if ((!start || compareBytes(node.key, start) >= 0) && (!end || compareBytes(node.key, end) < 0)) {
          yield [node.key, node.value!];
        }
        continue;
      }
      // Left subtree keys are < node.key, right subtree keys are >= node.key.
      const visitLeft = !start || compareBytes(start, node.key) < 0;
      const visitRight = !end || compareBytes(end, node.key) > 0;
      const left = visitLeft ? this.child(node, "left") : undefined;
      const right = visitRight ? this.child(node, "right") : undefined;
      const [first, second] = reverse ? [right, left] : [left, right];
      if (second) stack.push(second);
      if (first) stack.push(first);
    }
  }

  /** A membership proof when `key` is present, otherwise a non-membership proof. */
  prove(key: Uint8Array): CommitmentProof {
    const exist = this.existenceProof(key);
    if (exist) return { exist };
    if (!this.root) throw new Error("cannot prove absence in an empty store");
    const left = first(this.iterate({ end: key, reverse: true }));
    const right = first(this.iterate({ start: key }));
    return {
      nonexist: {
        key,
        left: left ? this.existenceProof(left[0]) : undefined,
        right: right ? this.existenceProof(right[0]) : undefined,
      },
    };
  }

  private existenceProof(key: Uint8Array): ExistenceProof | undefined {
    const path: InnerOp[] = [];
    let node = this.root;
    while (node && !node.isLeaf) {
      const prefix = hashPreimagePrefix(node.height, node.size, node.version);
      if (compareBytes(key, node.key) < 0) {
        path.push(innerOp(concatBytes(prefix, CHILD_HASH_LENGTH), concatBytes(CHILD_HASH_LENGTH, node.rightHash!)));
        node = this.child(node, "left");
      } else {
        path.push(innerOp(concatBytes(prefix, CHILD_HASH_LENGTH, node.leftHash!, CHILD_HASH_LENGTH), new Uint8Array(0)));
        node = this.child(node, "right");
      }
    }
    if (!node || compareBytes(node.key, key) !== 0) return undefined;
    const leaf: LeafOp = {
      hash: HashOp.SHA256,
      prehashKey: HashOp.NO_HASH,
      prehashValue: HashOp.SHA256,
      length: LengthOp.VAR_PROTO,
      prefix: hashPreimagePrefix(0, 1, node.version),
    };
    return { key: node.key, value: node.value!, leaf, path: path.reverse() };
  }

  private child(node: TreeNode, side: "left" | "right"): TreeNode {
    return side === "left" ? (node.left ?? this.nodes.get(node.leftId)) : (node.right ?? this.nodes.get(node.rightId));
  }
}

function innerOp(prefix: Uint8Array, suffix: Uint8Array): InnerOp {
  return { hash: HashOp.SHA256, prefix, suffix };
}

function first<T>(iterator: Iterator<T>): T | undefined {
  const next = iterator.next();
  return next.done ? undefined : next.value;
}
