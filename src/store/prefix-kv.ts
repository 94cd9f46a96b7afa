import { concatBytes, prefixEnd } from "./bytes.js";
import type { Entry, KeyRange, KVStore } from "./kv.js";

/** The part of a store whose keys start with `prefix`, seen with the prefix removed. */
export class PrefixKV implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly prefix: Uint8Array,
  ) {}

  get(key: Uint8Array): Uint8Array | undefined {
    return this.parent.get(concatBytes(this.prefix, key));
  }

  has(key: Uint8Array): boolean {
    return this.parent.has(concatBytes(this.prefix, key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.parent.set(concatBytes(this.prefix, key), value);
  }

  delete(key: Uint8Array): void {
    this.parent.delete(concatBytes(this.prefix, key));
  }

  *iterate(range: KeyRange = {}): Generator<Entry> {
    const start = concatBytes(this.prefix, range.start ?? new Uint8Array(0));
    const end = range.end ? concatBytes(this.prefix, range.end) : prefixEnd(this.prefix);
    const n = this.prefix.length;
    for (const [key, value] of this.parent.iterate({ start, end, reverse: range.reverse })) {
      yield [key.subarray(n), value];
    }
  }
}
