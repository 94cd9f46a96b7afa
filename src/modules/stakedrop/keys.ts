import { concatBytes } from "../../store/bytes.js";
import { storeKey } from "../../types/context.js";

export const MODULE_NAME = "stakedrop";
export const STAKEDROP_STORE = storeKey("stakedrop");
/** The module account that holds the campaign's unclaimed uxprt (no mint or burn permission). */
export const STAKEDROP_ACCOUNT = "stakedrop";
/** Cosmos Hub account addresses: what snapshot stakers and claims name. */
export const COSMOS_PREFIX = "cosmos";

/** Key layout: fixed keys for the singletons, one key per allocation. */
export const PARAMS_KEY = Uint8Array.of(0x00);
/** The Campaign record; absent when there is no campaign. */
export const CAMPAIGN_KEY = Uint8Array.of(0x01);
/** The CampaignTotals record. */
export const TOTALS_KEY = Uint8Array.of(0x02);
/** cosmos address (20 bytes) → Allocation, in address-byte order (what Allocations pages by). */
export const ALLOCATION_PREFIX = Uint8Array.of(0x03);

export function allocationKey(cosmosAddress: Uint8Array): Uint8Array {
  return concatBytes(ALLOCATION_PREFIX, cosmosAddress);
}
