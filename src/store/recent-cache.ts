/**
 * A bounded cache of recently used entries in two generations: new entries go to the young map;
 * when it is full it becomes the old map and the previous old map is dropped, so eviction costs
 * O(1). (Evicting the oldest key of one Map with `keys().next()` looks O(1) but scans the deleted
 * slots at the front of V8's hash table, which made a full node cache quadratic.)
 * Holds between `generationSize` and twice that many entries; a hit in the old generation moves
 * the entry to the young one.
 */
export class RecentCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly generationSize: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }
}
