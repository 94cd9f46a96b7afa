import type { Entry, KeyRange, KVStore } from "./kv.js";

/** Thrown when a transaction uses more gas than its limit; the transaction's writes are discarded. */
export class OutOfGasError extends Error {
  constructor(
    readonly descriptor: string,
    readonly limit: number,
    readonly used: number,
  ) {
    super(`out of gas in location: ${descriptor}; gasWanted: ${limit}, gasUsed: ${used}`);
  }
}

/** Counts gas against a limit (Infinity for unmetered contexts such as genesis and block hooks). */
export class GasMeter {
  private used = 0;

  constructor(readonly limit: number) {}

  get consumed(): number {
    return this.used;
  }

  consume(amount: number, descriptor: string): void {
    this.used += amount;
    if (this.used > this.limit) throw new OutOfGasError(descriptor, this.limit, this.used);
  }
}

/** The Cosmos SDK's KV gas schedule, so gas estimates match what Cosmos users expect. */
export const KV_GAS_COSTS = {
  hasCost: 1000,
  deleteCost: 1000,
  readCostFlat: 1000,
  readCostPerByte: 3,
  writeCostFlat: 2000,
  writeCostPerByte: 30,
  iterNextCostFlat: 30,
} as const;

/** A store view that charges every access to a gas meter before performing it. */
export class GasKV implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly meter: GasMeter,
  ) {}

  get(key: Uint8Array): Uint8Array | undefined {
    this.meter.consume(KV_GAS_COSTS.readCostFlat, "ReadFlat");
    const value = this.parent.get(key);
    this.meter.consume(KV_GAS_COSTS.readCostPerByte * (key.length + (value?.length ?? 0)), "ReadPerByte");
    return value;
  }

  has(key: Uint8Array): boolean {
    this.meter.consume(KV_GAS_COSTS.hasCost, "Has");
    return this.parent.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.meter.consume(KV_GAS_COSTS.writeCostFlat, "WriteFlat");
    this.meter.consume(KV_GAS_COSTS.writeCostPerByte * (key.length + value.length), "WritePerByte");
    this.parent.set(key, value);
  }

  delete(key: Uint8Array): void {
    this.meter.consume(KV_GAS_COSTS.deleteCost, "Delete");
    this.parent.delete(key);
  }

  *iterate(range?: KeyRange): Generator<Entry> {
    for (const entry of this.parent.iterate(range)) {
      this.meter.consume(KV_GAS_COSTS.iterNextCostFlat, "IterNextFlat");
      this.meter.consume(KV_GAS_COSTS.readCostPerByte * (entry[0].length + entry[1].length), "ValuePerByte");
      yield entry;
    }
  }
}
