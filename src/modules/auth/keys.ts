import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "auth";
/** Store name "acc", as the Cosmos SDK's x/auth, so raw store queries look familiar. */
export const AUTH_STORE = storeKey("acc");

/** Key layout, following the Cosmos SDK's x/auth collections prefixes. */
export const PARAMS_KEY = Uint8Array.of(0x00);
export const ACCOUNT_PREFIX = Uint8Array.of(0x01);
export const NEXT_ACCOUNT_NUMBER_KEY = Uint8Array.of(0x02);
export const ACCOUNT_NUMBER_PREFIX = Uint8Array.of(0x03);

export const FEE_COLLECTOR = "fee_collector";

export const BASE_ACCOUNT_TYPE_URL = "/cosmos.auth.v1beta1.BaseAccount";
export const MODULE_ACCOUNT_TYPE_URL = "/cosmos.auth.v1beta1.ModuleAccount";
export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";
