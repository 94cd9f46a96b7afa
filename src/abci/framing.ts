import type { BinaryWriter } from "cosmjs-types/binary";
import { encodeProto, type CosmjsEncoder } from "../types/proto.js";

/**
 * ABCI's socket framing (CometBFT's libs/protoio): each message is its byte length as an
 * unsigned varint (Go's binary.PutUvarint), then the protobuf encoding of the message.
 */

/** The largest message CometBFT itself reads or writes (math.MaxInt32, abci/types/messages.go). */
const MAX_FRAME_BYTES = 2 ** 31 - 1;

/** A uvarint takes at most 10 bytes (Go's binary.MaxVarintLen64). */
const MAX_VARINT_BYTES = 10;

/** The byte stream is not a sequence of length-prefixed messages. */
export class FrameError extends Error {
  override name = "FrameError";
}

/** `message` encoded with its uvarint length prefix, in one allocation. */
export function encodeFrame<T>(codec: CosmjsEncoder<T>, message: T): Uint8Array {
  // fork() opens a length-delimited section; ldelim() closes it by prefixing the section's
  // length as a varint, which here is the whole message.
  return encodeProto({ encode: (value: T, writer: BinaryWriter) => codec.encode(value, writer.fork()).ldelim() }, message);
}

/**
 * Reads a uvarint at the start of `bytes` as Go's binary.ReadUvarint does (non-minimal forms
 * accepted, at most 10 bytes). Returns undefined when `bytes` ends inside the varint. Values
 * above 2^53 lose precision, which is harmless: no frame may be anywhere near that long.
 */
function readUvarint(bytes: Uint8Array): { value: number; size: number } | undefined {
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (i === MAX_VARINT_BYTES - 1 && byte > 1) throw new FrameError("length prefix overflows a 64-bit integer");
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, size: i + 1 };
  }
  return undefined;
}

/**
 * Splits a byte stream, arriving in chunks of any size, into message bodies. A frame may span
 * many chunks and a chunk may hold many frames; each byte is copied at most once.
 */
export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** The body length of the frame being read, once its prefix is complete. */
  private bodyLength: number | undefined;

  constructor(private readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  /** Adds `chunk` and returns the message bodies it completes; throws FrameError on a bad prefix. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.bodyLength === undefined) {
        const prefix = readUvarint(this.peek(Math.min(this.buffered, MAX_VARINT_BYTES)));
        if (!prefix) return frames;
        if (prefix.value > this.maxFrameBytes) throw new FrameError(`message of ${prefix.value} bytes exceeds the maximum of ${this.maxFrameBytes}`);
        this.take(prefix.size);
        this.bodyLength = prefix.value;
      }
      if (this.buffered < this.bodyLength) return frames;
      frames.push(this.take(this.bodyLength));
      this.bodyLength = undefined;
    }
  }

  /** The first `n` buffered bytes, without consuming them. */
  private peek(n: number): Uint8Array {
    const first = this.chunks[0];
    return first && first.length >= n ? first.subarray(0, n) : this.copy(n, false);
  }

  /** Removes and returns the first `n` buffered bytes. */
  private take(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first && first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return first.subarray(0, n);
    }
    return this.copy(n, true);
  }

  private copy(n: number, consume: boolean): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    let index = 0;
    while (filled < n) {
      const chunk = this.chunks[index]!;
      const part = Math.min(chunk.length, n - filled);
      out.set(chunk.subarray(0, part), filled);
      filled += part;
      if (consume && part < chunk.length) this.chunks[index] = chunk.subarray(part);
      else index++;
    }
    if (consume) {
      this.chunks.splice(0, index);
      this.buffered -= n;
    }
    return out;
  }
}
