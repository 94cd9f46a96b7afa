import { concatBytes } from "./bytes.js";
import { sha256 } from "./hash.js";

/**
 * CometBFT's simple Merkle tree (crypto/merkle, RFC 6962 style): leaves hashed as
 * sha256(0x00 || leaf), inner nodes as sha256(0x01 || left || right), split at the largest
 * power of two below the leaf count. Used for the app hash over module stores and for block
 * header fields.
 */

const LEAF_PREFIX = Uint8Array.of(0);
const INNER_PREFIX = Uint8Array.of(1);

export function leafHash(leaf: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, leaf));
}

export function innerHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(INNER_PREFIX, left, right));
}

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The Merkle root of `items` in the given order; sha256("") for none. */
export function merkleRoot(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return sha256(new Uint8Array(0));
  return subtreeRoot(items, 0, items.length);
}

function subtreeRoot(items: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return leafHash(items[start]!);
  const k = splitPoint(n);
  return innerHash(subtreeRoot(items, start, start + k), subtreeRoot(items, start + k, end));
}

/** One step from a node to its parent: the sibling hash and which side the sibling is on. */
export interface MerklePathStep {
  sibling: Uint8Array;
  siblingIsLeft: boolean;
}

/** The path from leaf `index` up to the root, leaf level first. */
export function merklePath(items: readonly Uint8Array[], index: number): MerklePathStep[] {
  if (index < 0 || index >= items.length) throw new RangeError(`leaf index ${index} out of range`);
  const steps: MerklePathStep[] = [];
  collectPath(items, 0, items.length, index, steps);
  return steps.reverse();
}

function collectPath(items: readonly Uint8Array[], start: number, end: number, index: number, steps: MerklePathStep[]): void {
  const n = end - start;
  if (n === 1) return;
  const mid = start + splitPoint(n);
  if (index < mid) {
    steps.push({ sibling: subtreeRoot(items, mid, end), siblingIsLeft: false });
    collectPath(items, start, mid, index, steps);
  } else {
    steps.push({ sibling: subtreeRoot(items, start, mid), siblingIsLeft: true });
    collectPath(items, mid, end, index, steps);
  }
}
