import { concatBytes, fromUtf8, lengthPrefixed, utf8 } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "assets";
export const ASSETS_STORE = storeKey(MODULE_NAME);

/**
 * Key layout. lp(x) is x prefixed by its length in one byte (class ids ≤ 32 characters,
 * addresses 20 or 32 bytes); an asset id, always last, needs none.
 *   0x00                               → Params
 *   0x01 class id                      → AssetClass
 *   0x02 lp(class id) id               → Asset
 *   0x03 lp(owner) lp(class id) id     → 0x01   (assets by owner)
 *   0x04 document hash (32 bytes)      → lp(class id) id of the asset that tokenized it, burned or not
 *   0x05 fraction denom                → Fraction
 *   0x06 class id                      → number of assets of the class (8 bytes, big-endian)
 *   0x07 lp(owner) lp(class id)        → number of assets of the class the owner holds (8 bytes)
 *   0x08 lp(class id) id               → document hash of a burned asset (its id stays reserved)
 */
export const PARAMS_KEY = Uint8Array.of(0x00);
export const CLASS_PREFIX = Uint8Array.of(0x01);
export const ASSET_PREFIX = Uint8Array.of(0x02);
export const OWNER_INDEX_PREFIX = Uint8Array.of(0x03);
export const DOCUMENT_PREFIX = Uint8Array.of(0x04);
export const FRACTION_PREFIX = Uint8Array.of(0x05);
export const SUPPLY_PREFIX = Uint8Array.of(0x06);
export const BALANCE_PREFIX = Uint8Array.of(0x07);
export const RETIRED_PREFIX = Uint8Array.of(0x08);

/** The value of an index key whose key says everything. */
export const PRESENT = Uint8Array.of(0x01);

/** lp(class id): the prefix of a class's assets, and part of the owner keys. */
export function classKey(classId: string): Uint8Array {
  return lengthPrefixed(utf8(classId));
}

/** lp(class id) id: an asset's key within the asset, owner-index and retired prefixes. */
export function assetKey(classId: string, id: string): Uint8Array {
  return concatBytes(classKey(classId), utf8(id));
}

/** The class id and asset id in an assetKey. */
export function parseAssetKey(key: Uint8Array): { classId: string; id: string } {
  const length = key[0]!;
  return { classId: fromUtf8(key.subarray(1, 1 + length)), id: fromUtf8(key.subarray(1 + length)) };
}

/** lp(owner): the prefix of an owner's index and balance keys. */
export function ownerKey(owner: Uint8Array): Uint8Array {
  return lengthPrefixed(owner);
}
