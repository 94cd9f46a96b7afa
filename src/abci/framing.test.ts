import { Request } from "cosmjs-types/tendermint/abci/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, FrameError } from "./framing.js";

const echo = (length: number): Request => ({ echo: { message: "x".repeat(length) } });

/** Go's binary.PutUvarint. */
function uvarint(value: number): number[] {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return bytes;
}

const hex = (frames: Uint8Array[]): string[] => frames.map((frame) => Buffer.from(frame).toString("hex"));

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

/** `bytes` cut at the given offsets. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

describe("encodeFrame", () => {
  it("prefixes the protobuf encoding with its length as a uvarint", () => {
    for (const request of [{ flush: {} }, echo(0), echo(124), echo(125), echo(300), echo(20_000)]) {
      const body = Request.encode(request).finish();
      expect(encodeFrame(Request, request)).toEqual(Uint8Array.from([...uvarint(body.length), ...body]));
    }
  });

  it("writes Go's byte forms of 1-, 2- and 3-byte lengths", () => {
    expect([...encodeFrame(Request, { flush: {} })]).toEqual([2, 0x12, 0]);
    expect([...encodeFrame(Request, echo(294)).subarray(0, 2)]).toEqual([0xac, 0x02]); // 300 bytes
    expect([...encodeFrame(Request, echo(16_378)).subarray(0, 3)]).toEqual([0x80, 0x80, 0x01]); // 16,384 bytes
  });
});

describe("FrameDecoder", () => {
  const requests = [echo(0), { flush: {} }, echo(200), echo(20_000), echo(5)];
  const bodies = requests.map((request) => Request.encode(request).finish());
  const stream = concat(requests.map((request) => encodeFrame(Request, request)));

  it("returns every frame of a stream packed into one chunk", () => {
    expect(hex(new FrameDecoder().push(stream))).toEqual(hex(bodies));
  });

  it("reassembles frames fed one byte at a time", () => {
    const decoder = new FrameDecoder();
    const frames = [...stream].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(hex(frames)).toEqual(hex(bodies));
  });

  it("returns the same frames however the stream is cut into chunks", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 30 }), (cuts) => {
        const decoder = new FrameDecoder();
        expect(hex(split(stream, cuts).flatMap((chunk) => decoder.push(chunk)))).toEqual(hex(bodies));
      }),
    );
  });

  it("returns a frame only once all of it has arrived", () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame(Request, echo(20_000));
    expect(decoder.push(frame.subarray(0, 1))).toEqual([]);
    expect(decoder.push(frame.subarray(1, 1000))).toEqual([]);
    expect(hex(decoder.push(frame.subarray(1000)))).toEqual(hex([Request.encode(echo(20_000)).finish()]));
  });

  it("accepts a non-minimal length prefix, as Go's ReadUvarint does", () => {
    expect(new FrameDecoder().push(Uint8Array.of(0x82, 0x80, 0x00, 0x12, 0x00))).toEqual([Uint8Array.of(0x12, 0x00)]);
  });

  it("rejects a length prefix that overflows 64 bits", () => {
    expect(() => new FrameDecoder().push(new Uint8Array(10).fill(0xff))).toThrow(FrameError);
    expect(() => new FrameDecoder().push(new Uint8Array(11).fill(0x80))).toThrow(/overflows/);
  });

  it("rejects a frame longer than the maximum as soon as its prefix is read", () => {
    expect(() => new FrameDecoder(1000).push(Uint8Array.of(0xe9, 0x07))).toThrow(/1001 bytes exceeds the maximum of 1000/);
    expect(() => new FrameDecoder().push(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08))).toThrow(FrameError); // 2^31
  });
});
