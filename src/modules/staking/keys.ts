import { concatBytes, lengthPrefixed, uint64Key } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "staking";
export const STAKING_STORE = storeKey("staking");

/** Module accounts holding delegated uxprt: tokens of bonded validators, and of the others plus unbonding entries. */
export const BONDED_POOL = "bonded_tokens_pool";
export const NOT_BONDED_POOL = "not_bonded_tokens_pool";
/** The module-account permission the SDK gives both pools. */
export const STAKING_PERMISSION = "staking";

/** Consensus power = tokens / 10^6 (the SDK's DefaultPowerReduction). */
export const POWER_REDUCTION = 1_000_000n;

/** Key layout, following the Cosmos SDK's x/staking prefixes; addresses are length-prefixed. */
export const LAST_VALIDATOR_POWER_PREFIX = Uint8Array.of(0x11);
export const LAST_TOTAL_POWER_KEY = Uint8Array.of(0x12);
export const VALIDATOR_PREFIX = Uint8Array.of(0x21);
export const VALIDATOR_BY_CONS_PREFIX = Uint8Array.of(0x22);
export const POWER_INDEX_PREFIX = Uint8Array.of(0x23);
export const DELEGATION_PREFIX = Uint8Array.of(0x31);
export const UNBONDING_PREFIX = Uint8Array.of(0x32);
export const UNBONDING_BY_VALIDATOR_PREFIX = Uint8Array.of(0x33);
export const REDELEGATION_PREFIX = Uint8Array.of(0x34);
export const REDELEGATION_BY_SRC_PREFIX = Uint8Array.of(0x35);
export const REDELEGATION_BY_DST_PREFIX = Uint8Array.of(0x36);
export const UNBONDING_QUEUE_PREFIX = Uint8Array.of(0x41);
export const REDELEGATION_QUEUE_PREFIX = Uint8Array.of(0x42);
export const VALIDATOR_QUEUE_PREFIX = Uint8Array.of(0x43);
export const PARAMS_KEY = Uint8Array.of(0x51);
export const DELEGATION_BY_VALIDATOR_PREFIX = Uint8Array.of(0x71);

/** Splits a key made of length-prefixed addresses back into the addresses. */
export function splitAddresses(key: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < key.length; ) {
    const n = key[i]!;
    parts.push(key.subarray(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return parts;
}

export function heightBytes(height: bigint): Uint8Array {
  return uint64Key(BigInt.asUintN(64, height));
}

/**
 * Power index key: consensus power (8 bytes big-endian) then the operator's bitwise inverse, as the
 * SDK's GetValidatorsByPowerIndexKey. Read in reverse it gives most power first and, among equal
 * powers, the lower operator address first.
 */
export function powerIndexKey(power: bigint, operator: Uint8Array): Uint8Array {
  return concatBytes(heightBytes(power), lengthPrefixed(operator.map((b) => 255 - b)));
}

/** Bech32 prefixes of operator and consensus addresses. */
export const VALOPER_PREFIX = "persistencevaloper";
export const VALCONS_PREFIX = "persistencevalcons";
