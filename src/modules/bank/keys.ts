import { concatBytes, lengthPrefixed, utf8 } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "bank";
export const BANK_STORE = storeKey("bank");

/** Key layout, following the Cosmos SDK's x/bank prefixes. */
export const SUPPLY_PREFIX = Uint8Array.of(0x00);
export const DENOM_METADATA_PREFIX = Uint8Array.of(0x01);
export const BALANCES_PREFIX = Uint8Array.of(0x02);
export const SEND_ENABLED_PREFIX = Uint8Array.of(0x04);
export const PARAMS_KEY = Uint8Array.of(0x05);

/** Balances of one account: length-prefixed address, then the denom. */
export function accountBalancesPrefix(address: Uint8Array): Uint8Array {
  return lengthPrefixed(address);
}

export function balanceKey(address: Uint8Array, denom: string): Uint8Array {
  return concatBytes(accountBalancesPrefix(address), utf8(denom));
}

/** Module account permissions. */
export const MINTER = "minter";
export const BURNER = "burner";
