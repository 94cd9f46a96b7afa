import { concatBytes, lengthPrefixed, uint64Key } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "distribution";
export const DISTRIBUTION_STORE = storeKey("distribution");
/** The module account holding every undistributed reward and the community pool. */
export const DISTRIBUTION_ACCOUNT = "distribution";

/** Key layout, following the Cosmos SDK's x/distribution prefixes; addresses are length-prefixed. */
export const FEE_POOL_KEY = Uint8Array.of(0x00);
export const OUTSTANDING_PREFIX = Uint8Array.of(0x02);
export const WITHDRAW_ADDRESS_PREFIX = Uint8Array.of(0x03);
export const STARTING_INFO_PREFIX = Uint8Array.of(0x04);
export const HISTORICAL_PREFIX = Uint8Array.of(0x05);
export const CURRENT_PREFIX = Uint8Array.of(0x06);
export const COMMISSION_PREFIX = Uint8Array.of(0x07);
export const SLASH_EVENT_PREFIX = Uint8Array.of(0x08);
export const PARAMS_KEY = Uint8Array.of(0x09);

/** Reads a length-prefixed address at `offset`; returns it and the offset after it. */
export function readLengthPrefixed(key: Uint8Array, offset = 0): { address: Uint8Array; next: number } {
  const length = key[offset]!;
  return { address: key.subarray(offset + 1, offset + 1 + length), next: offset + 1 + length };
}

export const validatorKey = (prefix: Uint8Array, operator: Uint8Array) => concatBytes(prefix, lengthPrefixed(operator));
export const historicalKey = (operator: Uint8Array, period: bigint) => concatBytes(HISTORICAL_PREFIX, lengthPrefixed(operator), uint64Key(period));
export const startingInfoKey = (operator: Uint8Array, delegator: Uint8Array) => concatBytes(STARTING_INFO_PREFIX, lengthPrefixed(operator), lengthPrefixed(delegator));
export const slashEventKey = (operator: Uint8Array, height: bigint, period: bigint) =>
  concatBytes(SLASH_EVENT_PREFIX, lengthPrefixed(operator), uint64Key(height), uint64Key(period));
