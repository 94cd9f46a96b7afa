import { Params, ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { EvidenceParams } from "cosmjs-types/tendermint/types/params";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import type { Context } from "../../types/context.js";
import { chunkOf, CHUNK_BITS, emptyChunk, getBit, isEmpty, setBits, withBit } from "./bitmap.js";
import {
  bitmapWindowKey,
  EVIDENCE_PARAMS_KEY,
  missedChunkKey,
  missedChunksPrefix,
  PARAMS_KEY,
  SIGNING_INFO_PREFIX,
  signingInfoKey,
  SLASHING_STORE,
} from "./keys.js";
import { DEFAULT_SLASHING_PARAMS, fromProto, toProtoEvidenceParams, toProtoParams, type SlashingParams } from "./params.js";
import { readUint64, uint64Key } from "../../store/bytes.js";

/** Slashing's state. Every method reads or writes a fixed number of keys, but those named otherwise. */
export class SlashingStore {
  private readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(SLASHING_STORE);
  }

  params(): SlashingParams {
    const params = this.kv.get(PARAMS_KEY);
    const evidence = this.kv.get(EVIDENCE_PARAMS_KEY);
    if (!params || !evidence) return DEFAULT_SLASHING_PARAMS;
    return fromProto(Params.decode(params), EvidenceParams.decode(evidence));
  }

  setParams(params: SlashingParams): void {
    this.kv.set(PARAMS_KEY, Params.encode(toProtoParams(params)).finish());
    this.kv.set(EVIDENCE_PARAMS_KEY, EvidenceParams.encode(toProtoEvidenceParams(params)).finish());
  }

  signingInfo(consensus: Uint8Array): ValidatorSigningInfo | undefined {
    const bytes = this.kv.get(signingInfoKey(consensus));
    return bytes ? ValidatorSigningInfo.decode(bytes) : undefined;
  }

  setSigningInfo(consensus: Uint8Array, info: ValidatorSigningInfo): void {
    this.kv.set(signingInfoKey(consensus), ValidatorSigningInfo.encode(info).finish());
  }

  /** Deletes the signing info, the bitmap and its window: O(chunks of the window). */
  deleteValidator(consensus: Uint8Array): void {
    this.kv.delete(signingInfoKey(consensus));
    this.kv.delete(bitmapWindowKey(consensus));
    this.clearMissed(consensus);
  }

  /** Signing infos keyed by consensus address, in that order (for pagination and export). */
  signingInfos(): KVReader {
    return new PrefixKV(this.kv, SIGNING_INFO_PREFIX);
  }

  missed(consensus: Uint8Array, index: bigint): boolean {
    const { chunk, bit } = chunkOf(index);
    const bytes = this.kv.get(missedChunkKey(consensus, chunk));
    return bytes !== undefined && getBit(bytes, bit);
  }

  /** Sets one bit; a chunk left empty is deleted, so an always-signing validator stores none. */
  setMissed(consensus: Uint8Array, index: bigint, missed: boolean): void {
    const { chunk, bit } = chunkOf(index);
    const key = missedChunkKey(consensus, chunk);
    const updated = withBit(this.kv.get(key) ?? emptyChunk(), bit, missed);
    if (isEmpty(updated)) this.kv.delete(key);
    else this.kv.set(key, updated);
  }

  /** Deletes the validator's bitmap: one delete per stored chunk, at most ⌈window / 1024⌉. */
  clearMissed(consensus: Uint8Array): void {
    const chunks = new PrefixKV(this.kv, missedChunksPrefix(consensus));
    const keys = [...chunks.iterate()].map(([key]) => key);
    for (const key of keys) chunks.delete(key);
  }

  /** The window indexes the validator missed, ascending (genesis export: O(window / 1024) reads). */
  *missedIndexes(consensus: Uint8Array): Generator<bigint> {
    for (const [key, chunk] of new PrefixKV(this.kv, missedChunksPrefix(consensus)).iterate()) {
      const base = readUint64(key) * CHUNK_BITS;
      for (const bit of setBits(chunk)) yield base + BigInt(bit);
    }
  }

  /** The signed_blocks_window the validator's bitmap was kept for; undefined when never recorded. */
  bitmapWindow(consensus: Uint8Array): bigint | undefined {
    const bytes = this.kv.get(bitmapWindowKey(consensus));
    return bytes ? readUint64(bytes) : undefined;
  }

  setBitmapWindow(consensus: Uint8Array, window: bigint): void {
    this.kv.set(bitmapWindowKey(consensus), uint64Key(window));
  }
}
