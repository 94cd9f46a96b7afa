import { bech32 } from "@scure/base";
import { bytesToKey } from "../store/bytes.js";
import { RecentCache } from "../store/recent-cache.js";
import { ripemd160, sha256 } from "../store/hash.js";
import { ErrInvalidAddress, isError, type AppError } from "./errors.js";

/** The chain's bech32 prefix for account addresses. */
export const ACCOUNT_PREFIX = "persistence";

/** Account addresses are 20 bytes; addresses derived for module sub-accounts may be 32. */
const VALID_LENGTHS = new Set([20, 32]);

/** Recently encoded account addresses: a transfer names the same few addresses many times. */
const encoded = new RecentCache<string, string>(25_000);

export function encodeAddress(bytes: Uint8Array, prefix = ACCOUNT_PREFIX): string {
  if (prefix !== ACCOUNT_PREFIX) return bech32.encode(prefix, bech32.toWords(bytes), 1023);
  const key = bytesToKey(bytes);
  let address = encoded.get(key);
  if (address === undefined) {
    address = bech32.encode(prefix, bech32.toWords(bytes), 1023);
    encoded.set(key, address);
  }
  return address;
}

/** Recently decoded addresses; callers must not modify the returned bytes. */
const decoded = new RecentCache<string, Uint8Array>(25_000);

/** Decodes a bech32 account address with our prefix; a clear error otherwise. */
export function decodeAddress(address: string, prefix = ACCOUNT_PREFIX): Uint8Array | AppError {
  const known = prefix === ACCOUNT_PREFIX ? decoded.get(address) : undefined;
  if (known) return known;
  const bytes = decodeUncached(address, prefix);
  if (!isError(bytes) && prefix === ACCOUNT_PREFIX) {
    decoded.set(address, bytes);
  }
  return bytes;
}

function decodeUncached(address: string, prefix: string): Uint8Array | AppError {
  if (address === "") return ErrInvalidAddress.wrap("empty address string is not allowed");
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(address as `${string}1${string}`, 1023);
  } catch (error) {
    return ErrInvalidAddress.wrap(`invalid address "${address}": ${(error as Error).message}`);
  }
  if (decoded.prefix !== prefix) {
    return ErrInvalidAddress.wrap(`invalid Bech32 prefix; expected ${prefix}, got ${decoded.prefix}`);
  }
  const bytes = bech32.fromWordsUnsafe(decoded.words);
  if (!bytes || !VALID_LENGTHS.has(bytes.length)) {
    return ErrInvalidAddress.wrap(`invalid address "${address}": address must be 20 or 32 bytes`);
  }
  return bytes;
}

/** The address of a secp256k1 key, as Cosmos derives it: ripemd160(sha256(compressed key)). */
export function addressFromSecp256k1(publicKey: Uint8Array): Uint8Array {
  return ripemd160(sha256(publicKey));
}

/** A module account's address: the first 20 bytes of sha256(module name), as the Cosmos SDK. */
export function moduleAddress(name: string): Uint8Array {
  return sha256(new TextEncoder().encode(name)).subarray(0, 20);
}
