import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { Allocation, Campaign, CampaignTotals, Params } from "../../generated/persistence/stakedrop/v1/types.js";
import type { KVReader, KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import type { Context } from "../../types/context.js";
import { ALLOCATION_PREFIX, allocationKey, CAMPAIGN_KEY, PARAMS_KEY, STAKEDROP_STORE, TOTALS_KEY } from "./keys.js";
import { DEFAULT_STAKEDROP_PARAMS, toProtoParams, type StakedropParams } from "./params.js";

/** The claim window and whether the sweep has happened. */
export interface CampaignState {
  claimStart: Timestamp;
  claimEnd: Timestamp;
  closed: boolean;
  /** uxprt sent to the community pool at the close; 0 while open. */
  swept: bigint;
}

/** Running totals, updated by every claim. */
export interface Totals {
  allocated: bigint;
  claimed: bigint;
  addresses: bigint;
  claimedAddresses: bigint;
}

export const NO_TOTALS: Totals = { allocated: 0n, claimed: 0n, addresses: 0n, claimedAddresses: 0n };

/** The stakedrop's state: params, the campaign, its totals and one allocation per address. Every method reads or writes one key, but the iterators. */
export class StakedropStore {
  private readonly kv: KVStore;

  constructor(ctx: Context) {
    this.kv = ctx.kv(STAKEDROP_STORE);
  }

  params(): StakedropParams {
    const bytes = this.kv.get(PARAMS_KEY);
    if (!bytes) return DEFAULT_STAKEDROP_PARAMS;
    const params = Params.decode(bytes);
    return { total: BigInt(params.total), capPerAddress: BigInt(params.capPerAddress) };
  }

  setParams(params: StakedropParams): void {
    this.kv.set(PARAMS_KEY, Params.encode(toProtoParams(params)).finish());
  }

  campaign(): CampaignState | undefined {
    const bytes = this.kv.get(CAMPAIGN_KEY);
    if (!bytes) return undefined;
    const campaign = Campaign.decode(bytes);
    return { claimStart: campaign.claimStart!, claimEnd: campaign.claimEnd!, closed: campaign.closed, swept: BigInt(campaign.swept) };
  }

  setCampaign(campaign: CampaignState): void {
    this.kv.set(CAMPAIGN_KEY, Campaign.encode(toProtoCampaign(campaign)).finish());
  }

  totals(): Totals {
    const bytes = this.kv.get(TOTALS_KEY);
    if (!bytes) return NO_TOTALS;
    const totals = CampaignTotals.decode(bytes);
    return { allocated: BigInt(totals.allocated), claimed: BigInt(totals.claimed), addresses: totals.addresses, claimedAddresses: totals.claimedAddresses };
  }

  setTotals(totals: Totals): void {
    const proto: CampaignTotals = { ...totals, allocated: totals.allocated.toString(), claimed: totals.claimed.toString() };
    this.kv.set(TOTALS_KEY, CampaignTotals.encode(proto).finish());
  }

  allocation(cosmosAddress: Uint8Array): Allocation | undefined {
    const bytes = this.kv.get(allocationKey(cosmosAddress));
    return bytes ? Allocation.decode(bytes) : undefined;
  }

  setAllocation(cosmosAddress: Uint8Array, allocation: Allocation): void {
    this.kv.set(allocationKey(cosmosAddress), Allocation.encode(allocation).finish());
  }

  /** Allocations keyed by the address's 20 bytes, in that order (for pagination). */
  allocations(): KVReader {
    return new PrefixKV(this.kv, ALLOCATION_PREFIX);
  }

  /** Every allocation in address-byte order (genesis export). */
  *allAllocations(): Generator<Allocation> {
    for (const [, value] of this.allocations().iterate()) yield Allocation.decode(value);
  }
}

export function toProtoCampaign(campaign: CampaignState): Campaign {
  return { claimStart: campaign.claimStart, claimEnd: campaign.claimEnd, closed: campaign.closed, swept: campaign.swept.toString() };
}
