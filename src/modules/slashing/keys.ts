import { concatBytes, uint64Key } from "../../store/bytes.js";
import { ACCOUNT_PREFIX } from "../../types/address.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "slashing";
export const SLASHING_STORE = storeKey("slashing");
/** Bech32 prefixes of validator operator and consensus addresses. */
export const VALOPER_PREFIX = `${ACCOUNT_PREFIX}valoper`;
export const VALCONS_PREFIX = `${ACCOUNT_PREFIX}valcons`;

/** Key layout: the params singletons, then per consensus address (20 bytes) its records. */
export const PARAMS_KEY = Uint8Array.of(0x00);
/** cons address → ValidatorSigningInfo, in address-byte order (what SigningInfos pages by). */
export const SIGNING_INFO_PREFIX = Uint8Array.of(0x01);
/** cons address ‖ chunk number (8 bytes, big-endian) → 128-byte chunk of the missed-block bitmap. */
export const MISSED_CHUNK_PREFIX = Uint8Array.of(0x02);
/** tendermint.types.EvidenceParams: how old double-sign evidence may be (slashing's, see README). */
export const EVIDENCE_PARAMS_KEY = Uint8Array.of(0x03);
/** cons address → the signed_blocks_window (8 bytes) its bitmap and counter were kept for. */
export const BITMAP_WINDOW_PREFIX = Uint8Array.of(0x04);

export function signingInfoKey(consensus: Uint8Array): Uint8Array {
  return concatBytes(SIGNING_INFO_PREFIX, consensus);
}

export function missedChunksPrefix(consensus: Uint8Array): Uint8Array {
  return concatBytes(MISSED_CHUNK_PREFIX, consensus);
}

export function missedChunkKey(consensus: Uint8Array, chunk: bigint): Uint8Array {
  return concatBytes(MISSED_CHUNK_PREFIX, consensus, uint64Key(chunk));
}

export function bitmapWindowKey(consensus: Uint8Array): Uint8Array {
  return concatBytes(BITMAP_WINDOW_PREFIX, consensus);
}

