import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "mint";
export const MINT_STORE = storeKey("mint");
/** The module account that mints each block's provision, then sends it to the fee collector. */
export const MINT_ACCOUNT = "mint";

/** Key layout, following the Cosmos SDK's x/mint. */
export const MINTER_KEY = Uint8Array.of(0x00);
export const PARAMS_KEY = Uint8Array.of(0x01);
