import {
  QueryAllocationRequest,
  QueryAllocationResponse,
  QueryAllocationsRequest,
  QueryAllocationsResponse,
  QueryCampaignRequest,
  QueryCampaignResponse,
} from "../../generated/persistence/stakedrop/v1/query.js";
import { Allocation } from "../../generated/persistence/stakedrop/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { ErrNoAllocation, ErrNoCampaign } from "./errors.js";
import type { StakedropKeeper } from "./keeper.js";
import { COSMOS_PREFIX } from "./keys.js";
import { toProtoParams } from "./params.js";
import { StakedropStore, toProtoCampaign } from "./store.js";

const SERVICE = "/persistence.stakedrop.v1.Query";

/** persistence.stakedrop.v1.Query: Campaign and Allocation read a fixed number of keys; Allocations a page. */
export function stakedropQueries(keeper: StakedropKeeper): QueryRoute[] {
  return [
    queryRoute(`${SERVICE}/Campaign`, QueryCampaignRequest, QueryCampaignResponse, (ctx) => {
      const campaign = keeper.getCampaign(ctx);
      if (!campaign) return ErrNoCampaign.wrap("this chain has no stakedrop campaign");
      const params = keeper.getParams(ctx);
      const totals = keeper.getTotals(ctx);
      return {
        params: toProtoParams(params),
        campaign: toProtoCampaign(campaign),
        allocated: totals.allocated.toString(),
        claimed: totals.claimed.toString(),
        unclaimed: keeper.unclaimed(ctx).toString(),
        dust: (params.total - totals.allocated).toString(),
        addresses: totals.addresses,
        claimedAddresses: totals.claimedAddresses,
      };
    }),
    queryRoute(`${SERVICE}/Allocation`, QueryAllocationRequest, QueryAllocationResponse, (ctx, req) => {
      const address = decodeAddress(req.cosmosAddress, COSMOS_PREFIX);
      if (isError(address)) return address;
      const allocation = keeper.getAllocation(ctx, address);
      return allocation ? { allocation } : ErrNoAllocation.wrap(`${req.cosmosAddress} is not in the stakedrop snapshot`);
    }),
    queryRoute(`${SERVICE}/Allocations`, QueryAllocationsRequest, QueryAllocationsResponse, (ctx, req) => {
      const page = paginate(new StakedropStore(ctx).allocations(), req.pagination);
      if (isError(page)) return page;
      return { allocations: page.entries.map(([, value]) => Allocation.decode(value)), pagination: page.page };
    }),
  ];
}
