import { sha256 } from "../store/hash.js";

const hashes = new WeakMap<Uint8Array, Uint8Array>();

/**
 * The tx hash, sha256 of the tx bytes, computed once per byte array: the node hands the same
 * array from CheckTx to the mempool, the block, its execution and the tx index. The bytes must
 * not be modified afterwards, and neither may the returned hash.
 */
export function txHash(raw: Uint8Array): Uint8Array {
  let hash = hashes.get(raw);
  if (hash === undefined) {
    hash = sha256(raw);
    hashes.set(raw, hash);
  }
  return hash;
}
