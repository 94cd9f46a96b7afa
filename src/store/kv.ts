import type { KeyRange } from "./database.js";

export type { KeyRange };
export type Entry = [key: Uint8Array, value: Uint8Array];

/** Read access to a key-value store. Iteration is always in key order. */
export interface KVReader {
  get(key: Uint8Array): Uint8Array | undefined;
  has(key: Uint8Array): boolean;
  /** Entries with start <= key < end, ascending (descending with `reverse`). */
  iterate(range?: KeyRange): Iterable<Entry>;
}

export interface KVStore extends KVReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
}
