import { TxResult, type ExecTxResult } from "cosmjs-types/tendermint/abci/types";
import { bytesToKey, concatBytes, fromHex, keyToBytes, prefixEnd, putUint32, putUint64, readUint32, readUint64, uint64Key } from "../store/bytes.js";
import type { Database, KeyRange, Table } from "../store/database.js";
import { sha256 } from "../store/hash.js";
import type { IndexedTx, TxSearchRequest, TxSearchResult } from "./api.js";
import { conditionMatchesValue, parseEventQuery, type QueryCondition } from "./event-query.js";
import { encodeTxResults } from "./tx-result-encoding.js";
import { txHash } from "../tx/tx-hash.js";

/**
 * How many index entries (a tx's position under a condition counts as one) one search may visit
 * before it fails with {@link TxSearchTooBroadError}. A visit cost about 3 µs when measured over
 * 200k indexed txs, so a search stays under about 0.3 s of one core whatever the query.
 */
export const DEFAULT_MAX_SCANNED_ENTRIES = 100_000;

/** A search that would visit more index entries than the bound allows. */
export class TxSearchTooBroadError extends Error {
  override readonly name = "TxSearchTooBroadError";
}

export interface TxIndexOptions {
  /** See {@link DEFAULT_MAX_SCANNED_ENTRIES}. */
  maxScannedEntries?: number;
}

const HEIGHT_TAG = "tx.height";
const HASH_TAG = "tx.hash";
const MAX_HEIGHT = 2n ** 64n - 1n;
const EMPTY = new Uint8Array(0);
const decoder = new TextDecoder();

/**
 * The transaction index behind `tx` and `tx_search`, in three tables:
 *
 * - `txindex.txs`: position → `TxResult` protobuf (height, index, tx, result). A position is
 *   height (8 bytes big-endian) ‖ index in block (4 bytes big-endian), so key order is
 *   (height, index) order, and a block's results append to the table in full pages.
 * - `txindex.hashes`: sha256(tx) → position.
 * - `txindex.attributes`: u32 tag length ‖ tag ‖ u32 value length ‖ value ‖ height (8 bytes
 *   big-endian) → the indexes in that block (4 bytes big-endian each, ascending) of the txs that
 *   emitted the attribute, for every event attribute marked `index: true`, with tag `type.key`.
 *   Entries of one tag are contiguous, entries of one tag and value are in height order, so an
 *   equality condition is a key range, narrowed further by any `tx.height` bounds. One entry per
 *   block keeps values most txs share (amounts, actions, the fee collector) from costing a write
 *   per tx.
 *
 * A search intersects the positions each condition selects, sorts them (which is block order)
 * and reads only the requested page. Unlike CometBFT 0.38's kv indexer, conditions on different
 * events of the same tx combine (`message.sender='a' AND transfer.recipient='b'` finds txs that
 * emitted both), the same semantics as WebSocket subscriptions.
 */
export class TxIndex {
  private readonly txs: Table;
  private readonly hashes: Table;
  private readonly attributes: Table;
  private readonly maxScannedEntries: number;

  constructor(database: Database, options: TxIndexOptions = {}) {
    this.txs = database.table("txindex.txs", { appendsInOrder: true });
    this.hashes = database.table("txindex.hashes");
    this.attributes = database.table("txindex.attributes");
    this.maxScannedEntries = options.maxScannedEntries ?? DEFAULT_MAX_SCANNED_ENTRIES;
  }

  /**
   * Stages the index entries of a block's txs; they become visible when the caller commits the
   * database. A failed tx does not take over the hash of an earlier successful one, so `get`
   * keeps returning the inclusion that counted.
   */
  indexBlock(height: bigint, txs: readonly Uint8Array[], results: readonly ExecTxResult[]): void {
    if (txs.length !== results.length) throw new Error(`block ${height} has ${txs.length} txs but ${results.length} results`);
    const succeededInBlock = new Set<string>();
    // event type → attribute key → value → indexes of the txs that emitted it, each once (a tx
    // often repeats message.sender). Nested maps spare building a tag string per attribute. Most
    // values are one tx's own (signatures, sequences), so a lone index stays a number.
    const emitters = new Map<string, Map<string, Map<string, number | number[]>>>();
    const encoded = encodeTxResults(height, txs, results);
    txs.forEach((tx, index) => {
      const result = results[index]!;
      const position = encodePosition(height, index);
      const hash = txHash(tx);
      this.txs.put(position, encoded[index]!);
      if (result.code === 0) succeededInBlock.add(bytesToKey(hash));
      if (result.code === 0 || !this.succeededBefore(hash, succeededInBlock)) this.hashes.put(hash, position);
      for (const event of result.events) {
        if (event.type === "") continue;
        let keys = emitters.get(event.type);
        if (!keys) emitters.set(event.type, (keys = new Map()));
        for (const attribute of event.attributes) {
          if (!attribute.index || attribute.key === "") continue;
          let values = keys.get(attribute.key);
          if (!values) keys.set(attribute.key, (values = new Map()));
          const indexes = values.get(attribute.value);
          if (indexes === undefined) values.set(attribute.value, index);
          else if (typeof indexes === "number") {
            if (indexes !== index) values.set(attribute.value, [indexes, index]);
          } else if (indexes[indexes.length - 1] !== index) indexes.push(index);
        }
      }
    });
    const heightBytes = uint64Key(height);
    for (const [type, keys] of emitters) {
      for (const [key, values] of keys) {
        const tag = `${type}.${key}`;
        // tx.height and tx.hash are the index's own; an app attribute may not shadow them.
        if (tag === HEIGHT_TAG || tag === HASH_TAG) continue;
        for (const [value, indexes] of values) this.attributes.put(attributeKey(tag, value, heightBytes), encodeIndexes(indexes));
      }
    }
  }

  /** The results of a block's txs, in block order (from the committed index). */
  resultsOfBlock(height: bigint): ExecTxResult[] {
    const range = { start: encodePosition(height, 0), end: encodePosition(height + 1n, 0) };
    return [...this.txs.range(range)].map(([, bytes]) => TxResult.decode(bytes).result!);
  }

  /** The committed tx with this hash (sha256 of its bytes). */
  get(hash: Uint8Array): IndexedTx | undefined {
    const position = this.hashes.get(hash);
    return position === undefined ? undefined : this.read(position);
  }

  /**
   * Implements `tx_search`: txs matching a query, ordered by (height, index), one page of them.
   * Throws `QueryParseError` for a malformed query and {@link TxSearchTooBroadError} when the
   * query would visit more than the configured number of index entries.
   *
   * @example
   * index.search({ query: "message.sender='persistence1…' AND tx.height>=10", page: 1, perPage: 30, orderBy: "asc" });
   */
  search(request: TxSearchRequest): TxSearchResult {
    if (!(request.page >= 1 && request.perPage >= 1)) throw new RangeError("page and perPage must be at least 1");
    const { conditions } = parseEventQuery(request.query);
    const heights = heightBounds(conditions);
    if (heights.min > heights.max) return { txs: [], totalCount: 0 };

    const budget = new ScanBudget(this.maxScannedEntries);
    const residual: QueryCondition[] = [];
    let candidates: Set<string> | undefined;
    for (const condition of [...conditions].sort((a, b) => selectivity(a) - selectivity(b))) {
      if (isHeightBound(condition)) continue;
      if (condition.tag === HEIGHT_TAG || (condition.tag === HASH_TAG && condition.op !== "=")) {
        residual.push(condition);
        continue;
      }
      candidates = this.select(condition, heights, budget, candidates);
      if (candidates.size === 0) return { txs: [], totalCount: 0 };
    }
    candidates ??= this.positionsWithin(heights, budget);

    let positions = [...candidates].sort();
    if (residual.length > 0) positions = positions.filter((p) => residual.every((c) => this.holdsForTx(c, p)));
    if (request.orderBy === "desc") positions.reverse();
    const start = (request.page - 1) * request.perPage;
    const txs = positions.slice(start, start + request.perPage).map((p) => this.read(keyToBytes(p))!);
    return { txs, totalCount: positions.length };
  }

  /** Positions satisfying one indexed condition, kept only where `within` (if given) has them. */
  private select(condition: QueryCondition, heights: HeightBounds, budget: ScanBudget, within?: Set<string>): Set<string> {
    const found = new Set<string>();
    const keep = (position: Uint8Array): void => {
      const key = bytesToKey(position);
      if (!within || within.has(key)) found.add(key);
    };
    if (condition.tag === HASH_TAG) {
      const hash = hashFromQuery(condition.operand!.text);
      const position = hash.length === 32 ? this.hashes.get(hash) : undefined;
      if (position && withinHeights(position, heights)) keep(position);
      return found;
    }
    if (condition.op === "=") {
      for (const [key, indexes] of this.attributes.range(heightRange(valuePrefix(condition.tag, condition.operand!.text), heights))) {
        keepPositions(key, indexes, budget, keep);
      }
      return found;
    }
    const prefix = tagPrefix(condition.tag);
    for (const [key, indexes] of this.attributes.range({ start: prefix, end: prefixEnd(prefix) })) {
      budget.spend();
      const height = readUint64(key, key.length - HEIGHT_BYTES);
      if (height < heights.min || height > heights.max) continue;
      const valueStart = prefix.length + 4;
      const value = decoder.decode(key.subarray(valueStart, key.length - HEIGHT_BYTES));
      if (conditionMatchesValue(condition, value)) keepPositions(key, indexes, budget, keep);
    }
    return found;
  }

  private positionsWithin(heights: HeightBounds, budget: ScanBudget): Set<string> {
    const found = new Set<string>();
    for (const [position] of this.txs.range(positionRange(heights))) {
      budget.spend();
      found.add(bytesToKey(position));
    }
    return found;
  }

  /** A condition on tx.height or tx.hash that the key ranges could not express. */
  private holdsForTx(condition: QueryCondition, position: string): boolean {
    const bytes = keyToBytes(position);
    const value =
      condition.tag === HEIGHT_TAG
        ? decodePosition(bytes).height.toString()
        : Buffer.from(sha256(this.read(bytes)!.tx)).toString("hex").toUpperCase();
    return conditionMatchesValue(condition, value);
  }

  private read(position: Uint8Array): IndexedTx | undefined {
    const bytes = this.txs.get(position);
    if (!bytes) return undefined;
    const { height, index, tx, result } = TxResult.decode(bytes);
    return { hash: sha256(tx), height, index, tx, result };
  }

  private succeededBefore(hash: Uint8Array, succeededInBlock: ReadonlySet<string>): boolean {
    if (succeededInBlock.has(bytesToKey(hash))) return true;
    const position = this.hashes.get(hash);
    return position !== undefined && this.read(position)?.result.code === 0;
  }
}

class ScanBudget {
  private left: number;

  constructor(private readonly limit: number) {
    this.left = limit;
  }

  spend(): void {
    if (--this.left < 0) {
      throw new TxSearchTooBroadError(`tx_search would visit more than ${this.limit} index entries; narrow the query, e.g. with a tx.height range`);
    }
  }
}

// Keys

const POSITION_BYTES = 12;
const HEIGHT_BYTES = 8;

function encodePosition(height: bigint, index: number): Uint8Array {
  const position = new Uint8Array(POSITION_BYTES);
  putUint64(position, 0, height);
  putUint32(position, 8, index);
  return position;
}

function decodePosition(position: Uint8Array): { height: bigint; index: number } {
  return { height: readUint64(position, 0), index: readUint32(position, 8) };
}

function encodeIndexes(indexes: number | readonly number[]): Uint8Array {
  if (typeof indexes === "number") {
    const bytes = new Uint8Array(4);
    putUint32(bytes, 0, indexes);
    return bytes;
  }
  const bytes = new Uint8Array(indexes.length * 4);
  indexes.forEach((index, i) => putUint32(bytes, i * 4, index));
  return bytes;
}

/** Keeps the position of every tx index listed in an attribute entry (whose key ends in the height). */
function keepPositions(key: Uint8Array, indexes: Uint8Array, budget: ScanBudget, keep: (position: Uint8Array) => void): void {
  const position = new Uint8Array(POSITION_BYTES);
  position.set(key.subarray(key.length - HEIGHT_BYTES), 0);
  for (let offset = 0; offset < indexes.length; offset += 4) {
    budget.spend();
    position.set(indexes.subarray(offset, offset + 4), HEIGHT_BYTES);
    keep(position);
  }
}

function tagPrefix(tag: string): Uint8Array {
  const tagLength = Buffer.byteLength(tag);
  const prefix = Buffer.allocUnsafe(4 + tagLength);
  prefix.writeUInt32BE(tagLength, 0);
  prefix.write(tag, 4);
  return prefix;
}

function valuePrefix(tag: string, value: string): Uint8Array {
  return attributeKey(tag, value, EMPTY);
}

/** tag length ‖ tag ‖ value length ‖ value ‖ height, built in one allocation. */
function attributeKey(tag: string, value: string, height: Uint8Array): Uint8Array {
  const tagLength = Buffer.byteLength(tag);
  const valueLength = Buffer.byteLength(value);
  const key = Buffer.allocUnsafe(8 + tagLength + valueLength + height.length);
  key.writeUInt32BE(tagLength, 0);
  key.write(tag, 4);
  key.writeUInt32BE(valueLength, 4 + tagLength);
  key.write(value, 8 + tagLength);
  key.set(height, 8 + tagLength + valueLength);
  return key;
}

/** Positions from the first of block `heights.min` to the last of block `heights.max`. */
function positionRange(heights: HeightBounds): KeyRange {
  const start = encodePosition(heights.min, 0);
  return heights.max === MAX_HEIGHT ? { start } : { start, end: encodePosition(heights.max + 1n, 0) };
}

/** Keys `prefix ‖ height` whose height lies within the bounds. */
function heightRange(prefix: Uint8Array, heights: HeightBounds): KeyRange {
  const start = concatBytes(prefix, uint64Key(heights.min));
  const end = heights.max === MAX_HEIGHT ? prefixEnd(prefix) : concatBytes(prefix, uint64Key(heights.max + 1n));
  return { start, end };
}

function hashFromQuery(text: string): Uint8Array {
  try {
    return fromHex(text);
  } catch {
    throw new Error(`tx.hash in the query must be hex, got ${JSON.stringify(text)}`);
  }
}

// Height bounds

interface HeightBounds {
  min: bigint;
  max: bigint;
}

/** A numeric comparison on tx.height, which the key ranges express exactly. */
function isHeightBound(condition: QueryCondition): boolean {
  return condition.tag === HEIGHT_TAG && condition.operand?.kind === "number";
}

/** The tightest [min, max] height range the tx.height comparisons allow; empty when min > max. */
function heightBounds(conditions: readonly QueryCondition[]): HeightBounds {
  let min = 0n;
  let max = MAX_HEIGHT;
  for (const condition of conditions) {
    if (!isHeightBound(condition)) continue;
    const [intText = "0", fraction = ""] = condition.operand!.text.split(".");
    const floor = BigInt(intText);
    const ceil = /[1-9]/.test(fraction) ? floor + 1n : floor;
    if (condition.op === "=") {
      if (floor !== ceil) return { min: 1n, max: 0n };
      if (floor > min) min = floor;
      if (floor < max) max = floor;
    } else if (condition.op === ">" && floor + 1n > min) min = floor + 1n;
    else if (condition.op === ">=" && ceil > min) min = ceil;
    else if (condition.op === "<" && ceil - 1n < max) max = ceil - 1n;
    else if (condition.op === "<=" && floor < max) max = floor;
  }
  return { min, max };
}

function withinHeights(position: Uint8Array, heights: HeightBounds): boolean {
  const { height } = decodePosition(position);
  return height >= heights.min && height <= heights.max;
}

/** Order of evaluation: hash lookups, then equality ranges, then scans of a whole tag. */
function selectivity(condition: QueryCondition): number {
  if (condition.tag === HASH_TAG) return 0;
  return condition.op === "=" ? 1 : 2;
}
