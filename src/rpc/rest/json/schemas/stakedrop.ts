import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import * as q from "../../../../generated/persistence/stakedrop/v1/query.js";
import * as types from "../../../../generated/persistence/stakedrop/v1/types.js";
import * as msgs from "../../../../modules/stakedrop/codecs.js";
import { message, repeated, type MessageSchema } from "../schema.js";

const Params = msgs.stakedropCodec(types.Params, "Params");
const Campaign = msgs.stakedropCodec(types.Campaign, "Campaign");
const Allocation = msgs.stakedropCodec(types.Allocation, "Allocation");

/** The query responses the REST routes answer with, with their type URLs. */
export const stakedropResponses = {
  campaign: msgs.stakedropCodec(q.QueryCampaignResponse, "QueryCampaignResponse"),
  allocation: msgs.stakedropCodec(q.QueryAllocationResponse, "QueryAllocationResponse"),
  allocations: msgs.stakedropCodec(q.QueryAllocationsResponse, "QueryAllocationsResponse"),
};

/** persistence.stakedrop.v1: records, messages and query responses. */
export const stakedropSchemas: readonly MessageSchema[] = [
  message(Params, { total: "string", cap_per_address: "string" }),
  message(Campaign, { claim_start: "timestamp", claim_end: "timestamp", closed: "bool", swept: "string" }),
  message(Allocation, { cosmos_address: "string", weight: "string", amount: "string", claimed: "bool", receiver: "string", claimed_at: "timestamp" }),
  message(msgs.MsgClaimCodec, { sender: "string", cosmos_address: "string", pubkey: "bytes", signature: "bytes", receiver: "string" }),
  message(msgs.MsgClaimResponseCodec, { amount: "string" }),
  message(stakedropResponses.campaign, {
    params: Params,
    campaign: Campaign,
    allocated: "string",
    claimed: "string",
    unclaimed: "string",
    dust: "string",
    addresses: "uint64",
    claimed_addresses: "uint64",
  }),
  message(stakedropResponses.allocation, { allocation: Allocation }),
  message(stakedropResponses.allocations, { allocations: repeated(Allocation), pagination: PageResponse }),
];
