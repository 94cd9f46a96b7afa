import { allocBytes } from "../bytes.js";
import { sha256 } from "../hash.js";
import { putUvarint, readUvarint, uvarintLength, zigzag } from "./varint.js";

/**
 * A node of the IAVL+ tree: leaves hold key/value pairs; an inner node's key is the smallest
 * key of its right subtree. Nodes of saved versions are immutable and addressed by `id`;
 * nodes of the working version (`id === 0`) are mutated in place until they are saved.
 */
export class TreeNode {
  id = 0;
  hash: Uint8Array | undefined = undefined;
  leftId = 0;
  rightId = 0;
  leftHash: Uint8Array | undefined = undefined;
  rightHash: Uint8Array | undefined = undefined;
  /** Loaded children; only working nodes keep them, so saved subtrees can leave the cache. */
  left: TreeNode | undefined = undefined;
  right: TreeNode | undefined = undefined;

  constructor(
    public key: Uint8Array,
    public value: Uint8Array | undefined,
    public version: number,
    public height: number,
    public size: number,
  ) {}

  static leaf(key: Uint8Array, value: Uint8Array, version: number): TreeNode {
    return new TreeNode(key, value, version, 0, 1);
  }

  get isLeaf(): boolean {
    return this.height === 0;
  }

  get isSaved(): boolean {
    return this.id !== 0;
  }

  /** A working copy of a saved node, for the given working version. */
  cloneForVersion(version: number): TreeNode {
    const copy = new TreeNode(this.key, this.value, version, this.height, this.size);
    copy.leftId = this.leftId;
    copy.rightId = this.rightId;
    copy.leftHash = this.leftHash;
    copy.rightHash = this.rightHash;
    return copy;
  }
}

/** The bytes IAVL hashes for a node (also the ICS-23 leaf / inner operation inputs). */
export function hashPreimagePrefix(height: number, size: number, version: number): Uint8Array {
  const out = new Uint8Array(uvarintLength(zigzag(height)) + uvarintLength(zigzag(size)) + uvarintLength(zigzag(version)));
  let o = putUvarint(out, 0, zigzag(height));
  o = putUvarint(out, o, zigzag(size));
  putUvarint(out, o, zigzag(version));
  return out;
}

export function hashLeaf(key: Uint8Array, value: Uint8Array, version: number): Uint8Array {
  const prefix = hashPreimagePrefix(0, 1, version);
  const valueHash = sha256(value);
  const out = allocBytes(prefix.length + uvarintLength(key.length) + key.length + 1 + 32);
  out.set(prefix, 0);
  let o = putUvarint(out, prefix.length, key.length);
  out.set(key, o);
  o += key.length;
  out[o++] = 32;
  out.set(valueHash, o);
  return sha256(out);
}

export function hashInner(height: number, size: number, version: number, leftHash: Uint8Array, rightHash: Uint8Array): Uint8Array {
  const prefix = hashPreimagePrefix(height, size, version);
  const out = allocBytes(prefix.length + 66);
  out.set(prefix, 0);
  let o = prefix.length;
  out[o++] = 32;
  out.set(leftHash, o);
  o += 32;
  out[o++] = 32;
  out.set(rightHash, o);
  return sha256(out);
}

/**
 * Storage encoding: the node's hash, then for a leaf: height 0, version, key, value; for an
 * inner node: height, size, version, key and each child's id and hash, so hashing a node never
 * needs its children loaded.
 */
export function encodeNode(node: TreeNode): Uint8Array {
  const key = node.key;
  if (node.isLeaf) {
    const value = node.value!;
    const out = allocBytes(32 + 1 + uvarintLength(node.version) + uvarintLength(key.length) + key.length + value.length);
    out.set(node.hash!, 0);
    let o = putUvarint(out, 32, 0);
    o = putUvarint(out, o, node.version);
    o = putUvarint(out, o, key.length);
    out.set(key, o);
    out.set(value, o + key.length);
    return out;
  }
  const out = allocBytes(
    32 + uvarintLength(node.height) + uvarintLength(node.size) + uvarintLength(node.version) + uvarintLength(key.length) + key.length +
      uvarintLength(node.leftId) + 32 + uvarintLength(node.rightId) + 32,
  );
  out.set(node.hash!, 0);
  let o = putUvarint(out, 32, node.height);
  o = putUvarint(out, o, node.size);
  o = putUvarint(out, o, node.version);
  o = putUvarint(out, o, key.length);
  out.set(key, o);
  o += key.length;
  o = putUvarint(out, o, node.leftId);
  out.set(node.leftHash!, o);
  o += 32;
  o = putUvarint(out, o, node.rightId);
  out.set(node.rightHash!, o);
  return out;
}

export function decodeNode(id: number, bytes: Uint8Array): TreeNode {
  const hash = bytes.subarray(0, 32);
  let [height, o] = readUvarint(bytes, 32);
  if (height === 0) {
    let version: number, keyLength: number;
    [version, o] = readUvarint(bytes, o);
    [keyLength, o] = readUvarint(bytes, o);
    const node = TreeNode.leaf(bytes.subarray(o, o + keyLength), bytes.subarray(o + keyLength), version);
    node.id = id;
    node.hash = hash;
    return node;
  }
  let size: number, version: number, keyLength: number;
  [size, o] = readUvarint(bytes, o);
  [version, o] = readUvarint(bytes, o);
  [keyLength, o] = readUvarint(bytes, o);
  const node = new TreeNode(bytes.subarray(o, o + keyLength), undefined, version, height, size);
  o += keyLength;
  [node.leftId, o] = readUvarint(bytes, o);
  node.leftHash = bytes.subarray(o, o + 32);
  o += 32;
  [node.rightId, o] = readUvarint(bytes, o);
  node.rightHash = bytes.subarray(o, o + 32);
  node.id = id;
  node.hash = hash;
  return node;
}
