import type { Event, EventAttribute, ExecTxResult } from "cosmjs-types/tendermint/abci/types";
import { utf8Write } from "../store/bytes.js";
// Protobuf varints of values below 2^53 are Go's unsigned varints.
import { putUvarint, uvarintLength } from "../store/iavl/varint.js";
import { lengthDelimitedSize, putVarint64, varint64FieldSize } from "../types/proto-wire.js";

/**
 * The protobuf encodings of a block's tendermint.abci.TxResult {height, index, tx, result}s, byte
 * for byte what cosmjs-types writes (a property test holds them to that), as views of a single
 * allocation. The tx index stores one per tx; cosmjs-types' writer allocates an object per field
 * (about 20 KB of garbage for a MsgSend's result and its events), and even one buffer per tx
 * costs more than its encoding.
 */
export function encodeTxResults(height: bigint, txs: readonly Uint8Array[], results: readonly ExecTxResult[]): Uint8Array[] {
  if (txs.length !== results.length) throw new Error(`${txs.length} txs but ${results.length} results`);
  const sizes = results.map((result) => new ResultSizes(result));
  const totals = txs.map((tx, index) => {
    const resultSize = sizes[index]!.result;
    return varint64FieldSize(height) + uint32FieldSize(index) + lengthDelimitedSize(tx.length) + 1 + varintSize(resultSize) + resultSize;
  });
  const out = new Writer(totals.reduce((sum, total) => sum + total, 0));
  return txs.map((tx, index) => {
    const start = out.position;
    if (height !== 0n) out.tag(1, 0).int64(height);
    if (index !== 0) out.tag(2, 0).uint32(index);
    if (tx.length !== 0) out.tag(3, 2).bytes(tx);
    out.tag(4, 2).uint32(sizes[index]!.result);
    writeExecTxResult(out, results[index]!, sizes[index]!);
    return out.since(start, totals[index]!);
  });
}

/** Encoded lengths of a result, its events and their attributes, in the order they are written. */
class ResultSizes {
  readonly events: number[] = [];
  readonly attributes: number[] = [];
  readonly result: number;

  constructor(result: ExecTxResult) {
    let size = uint32FieldSize(result.code) + lengthDelimitedSize(result.data.length) + stringFieldSize(result.log) + stringFieldSize(result.info);
    size += varint64FieldSize(result.gasWanted) + varint64FieldSize(result.gasUsed) + stringFieldSize(result.codespace);
    for (const event of result.events) {
      const eventSize = this.eventSize(event);
      this.events.push(eventSize);
      size += 1 + varintSize(eventSize) + eventSize;
    }
    this.result = size;
  }

  private eventSize(event: Event): number {
    let size = stringFieldSize(event.type);
    for (const attribute of event.attributes) {
      const attributeSize = stringFieldSize(attribute.key) + stringFieldSize(attribute.value) + (attribute.index ? 2 : 0);
      this.attributes.push(attributeSize);
      size += 1 + varintSize(attributeSize) + attributeSize;
    }
    return size;
  }
}

function writeExecTxResult(out: Writer, result: ExecTxResult, sizes: ResultSizes): void {
  if (result.code !== 0) out.tag(1, 0).uint32(result.code);
  if (result.data.length !== 0) out.tag(2, 2).bytes(result.data);
  if (result.log !== "") out.tag(3, 2).string(result.log);
  if (result.info !== "") out.tag(4, 2).string(result.info);
  if (result.gasWanted !== 0n) out.tag(5, 0).int64(result.gasWanted);
  if (result.gasUsed !== 0n) out.tag(6, 0).int64(result.gasUsed);
  let attributeIndex = 0;
  result.events.forEach((event, i) => {
    out.tag(7, 2).uint32(sizes.events[i]!);
    if (event.type !== "") out.tag(1, 2).string(event.type);
    for (const attribute of event.attributes) {
      out.tag(2, 2).uint32(sizes.attributes[attributeIndex++]!);
      writeAttribute(out, attribute);
    }
  });
  if (result.codespace !== "") out.tag(8, 2).string(result.codespace);
}

function writeAttribute(out: Writer, attribute: EventAttribute): void {
  if (attribute.key !== "") out.tag(1, 2).string(attribute.key);
  if (attribute.value !== "") out.tag(2, 2).string(attribute.value);
  if (attribute.index) out.tag(3, 0).uint32(1);
}

/** Appends protobuf wire values to a buffer allocated once at the final size. */
class Writer {
  private readonly buffer: Buffer;
  private pos = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafeSlow(size);
  }

  get position(): number {
    return this.pos;
  }

  tag(field: number, wireType: number): this {
    return this.uint32((field << 3) | wireType);
  }

  uint32(value: number): this {
    this.pos = putUvarint(this.buffer, this.pos, value >>> 0);
    return this;
  }

  int64(value: bigint): this {
    this.pos = putVarint64(this.buffer, this.pos, value);
    return this;
  }

  bytes(value: Uint8Array): this {
    this.uint32(value.length);
    this.buffer.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  string(value: string): this {
    const length = utf8Length(value);
    this.uint32(length);
    if (length === value.length && length < NATIVE_FROM) {
      for (let i = 0; i < length; i++) this.buffer[this.pos + i] = value.charCodeAt(i);
      this.pos += length;
    } else {
      this.pos += utf8Write(this.buffer, value, this.pos);
    }
    return this;
  }

  /** What was written from `start` on, which must be `expected` bytes. */
  since(start: number, expected: number): Uint8Array {
    if (this.pos - start !== expected) throw new Error(`TxResult encoding wrote ${this.pos - start} bytes, sized ${expected}`);
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset + start, expected);
  }
}

function varintSize(value: number): number {
  return uvarintLength(value >>> 0);
}

function uint32FieldSize(value: number): number {
  return value === 0 ? 0 : 1 + varintSize(value);
}

function stringFieldSize(value: string): number {
  return value === "" ? 0 : lengthDelimitedSize(utf8Length(value));
}

/**
 * From this length on, a string's UTF-8 length and bytes come from Node's native calls (about
 * 15 and 45 ns whatever the length); shorter ASCII strings, most event keys, are faster in a loop.
 */
const NATIVE_FROM = 16;

function utf8Length(value: string): number {
  if (value.length >= NATIVE_FROM) return Buffer.byteLength(value);
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0x7f) return Buffer.byteLength(value);
  }
  return value.length;
}
