import { bytesEqual, bytesToKey, compareBytes, keyToBytes } from "./bytes.js";
import type { Entry, KeyRange, KVReader, KVStore } from "./kv.js";

/** A buffered change: the new value, or null for a deletion. */
export type Change = Uint8Array | null;

/**
 * How a replay carries a write over to a value that changed since the branch read it (a fee debit
 * onto a balance a block has spent from): the new write given the value now, and the value read
 * and written then; undefined when running the branch again could end otherwise.
 */
export type Rebase = (current: Change, read: Change, written: Change) => Change | undefined;

/** What a branch read from its parent (null: absent) and the changes it made, by key string. */
export interface Footprint {
  reads: ReadonlyMap<string, Change>;
  writes: ReadonlyMap<string, Change>;
}

/**
 * A branch of a store: reads fall through to the parent, writes stay here until `writeTo`
 * applies them to the parent, or the branch is dropped. A transaction runs in a branch so that
 * a failure discards all of its writes.
 */
export class CacheKV implements KVStore {
  private changes = new Map<string, Change>();
  /** The changed keys in order, until the next change: a branch no longer written sorts them once. */
  private sortedIds: string[] | undefined;
  /** The parent's answers so far (null: absent), when it cannot change while this branch lives. */
  private reads: Map<string, Change> | undefined;
  /** Whether a range was read, which {@link footprint} cannot describe. */
  private iterated = false;

  /**
   * With `frozenParent`, the parent's values are remembered: reading a key twice reads it once.
   * With `recordReads` as well, they make up the branch's {@link footprint}.
   */
  constructor(
    private readonly parent: KVReader,
    options: { frozenParent?: boolean; recordReads?: boolean } = {},
  ) {
    if (options.frozenParent || options.recordReads) this.reads = new Map();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getByKey(key, bytesToKey(key));
  }

  /** `get` with the key's string form already computed, so stacked branches convert it once. */
  private getByKey(key: Uint8Array, id: string): Uint8Array | undefined {
    const change = this.changes.get(id);
    if (change !== undefined) return change ?? undefined;
    if (!this.reads) return this.parent instanceof CacheKV ? this.parent.getByKey(key, id) : this.parent.get(key);
    const read = this.reads.get(id);
    if (read !== undefined) return read ?? undefined;
    const value = this.parent instanceof CacheKV ? this.parent.getByKey(key, id) : this.parent.get(key);
    this.reads.set(id, value ?? null);
    return value;
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.change(bytesToKey(key), value);
  }

  delete(key: Uint8Array): void {
    this.change(bytesToKey(key), null);
  }

  /** Every write goes through here, so the sorted keys never go stale. */
  private change(id: string, change: Change): void {
    this.changes.set(id, change);
    this.sortedIds = undefined;
  }

  /** Merges this branch's changes over the parent's entries, in key order. */
  *iterate(range: KeyRange = {}): Generator<Entry> {
    this.iterated = true;
    const { start, end, reverse = false } = range;
    const startKey = start ? bytesToKey(start) : undefined;
    const endKey = end ? bytesToKey(end) : undefined;
    const ids = this.changedIds();
    const from = startKey === undefined ? 0 : lowerBound(ids, startKey);
    const to = endKey === undefined ? ids.length : lowerBound(ids, endKey);
    const own = ids.slice(from, to).map((id): [string, Change] => [id, this.changes.get(id)!]);
    if (reverse) own.reverse();
    const below = this.parent.iterate(range)[Symbol.iterator]();
    let next = below.next();
    let i = 0;
    while (i < own.length || !next.done) {
      const mine = own[i];
      const theirs = next.done ? undefined : next.value;
      let order: number;
      if (!mine) order = 1;
      else if (!theirs) order = -1;
      else {
        order = compareBytes(keyToBytes(mine[0]), theirs[0]);
        if (reverse) order = -order;
      }
      if (order <= 0) {
        const [key, change] = mine!;
        if (change !== null) yield [keyToBytes(key), change];
        i++;
        if (order === 0) next = below.next();
      } else {
        yield theirs!;
        next = below.next();
      }
    }
  }

  get size(): number {
    return this.changes.size;
  }

  /** Another branch of the same parent with the same changes, which this branch never sees. */
  copy(): CacheKV {
    const copy = new CacheKV(this.parent);
    copy.changes = new Map(this.changes);
    copy.reads = this.reads;
    return copy;
  }

  /**
   * The parent values this branch read (it must have been made with `recordReads`) and the
   * changes it holds; undefined once it read a range. Take it before {@link writeTo} empties it.
   */
  footprint(): Footprint | undefined {
    if (this.iterated || !this.reads) return undefined;
    return { reads: this.reads, writes: new Map(this.changes) };
  }

  /**
   * Applies the writes of `footprint` when every value it read reads the same here, as running
   * the branch again would (its outcome depends on nothing else); false, changing nothing, when
   * one differs. A key read and written that has a `rebases` entry may differ: its write is what
   * the entry makes of the value here, and the replay fails if the entry refuses.
   */
  replay(footprint: Footprint, rebases: ReadonlyMap<string, Rebase> = NO_REBASES): boolean {
    const rebased = new Map<string, Change>();
    for (const [id, value] of footprint.reads) {
      const current = this.getByKey(keyToBytes(id), id) ?? null;
      const rebase = footprint.writes.has(id) ? rebases.get(id) : undefined;
      if (rebase) {
        const write = rebase(current, value, footprint.writes.get(id)!);
        if (write === undefined) return false;
        rebased.set(id, write);
      } else if (current !== value && (current === null || value === null || !bytesEqual(current, value))) {
        return false;
      }
    }
    for (const [id, change] of footprint.writes) this.change(id, rebased.has(id) ? rebased.get(id)! : change);
    return true;
  }

  /** Applies this branch's changes to `target` and empties the branch. */
  writeTo(target: KVStore): void {
    if (target instanceof CacheKV) {
      for (const [key, change] of this.changes) target.change(key, change);
    } else {
      for (const [key, change] of this.changes) {
        if (change === null) target.delete(keyToBytes(key));
        else target.set(keyToBytes(key), change);
      }
    }
    this.changes = new Map();
    this.sortedIds = undefined;
  }

  /** The buffered changes in key order, as a commit applies them. */
  sortedChanges(): [Uint8Array, Change][] {
    return this.changedIds().map((key) => [keyToBytes(key), this.changes.get(key)!]);
  }

  private changedIds(): string[] {
    return (this.sortedIds ??= [...this.changes.keys()].sort());
  }
}

const NO_REBASES: ReadonlyMap<string, Rebase> = new Map();

/** The first index of `sorted` whose id is not below `id`. */
function lowerBound(sorted: readonly string[], id: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < id) low = middle + 1;
    else high = middle;
  }
  return low;
}
