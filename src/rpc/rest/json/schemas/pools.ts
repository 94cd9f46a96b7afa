import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import * as requirement from "../../../../generated/persistence/identity/v1/requirement.js";
import * as q from "../../../../generated/persistence/pools/v1/query.js";
import * as types from "../../../../generated/persistence/pools/v1/types.js";
import { identityCodec } from "../../../../modules/identity/codecs.js";
import * as msgs from "../../../../modules/pools/codecs.js";
import { withTypeUrl } from "../../../../types/module.js";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

/** A pools record or query response codec with its type URL, `/persistence.pools.v1.<Name>`. */
function poolsCodec<T extends object>(codec: T, name: string): T & { readonly typeUrl: string } {
  return withTypeUrl(codec, types.protobufPackage, name);
}

const Params = poolsCodec(types.Params, "Params");
const TrancheOrders = poolsCodec(types.TrancheOrders, "TrancheOrders");
const Pool = poolsCodec(types.Pool, "Pool");
const TrancheExecution = poolsCodec(types.TrancheExecution, "TrancheExecution");
const EpochResult = poolsCodec(types.EpochResult, "EpochResult");
const Order = poolsCodec(types.Order, "Order");
const PoolView = poolsCodec(q.PoolView, "PoolView");
const OrderView = poolsCodec(q.OrderView, "OrderView");
const ClaimRequirement = identityCodec(requirement.ClaimRequirement, "ClaimRequirement");
const tranche = enumOf(types.Tranche);

/** The query responses the REST routes (and the CLI's JSON output) answer with, with their type URLs. */
export const poolsResponses = {
  params: poolsCodec(q.QueryParamsResponse, "QueryParamsResponse"),
  pool: poolsCodec(q.QueryPoolResponse, "QueryPoolResponse"),
  pools: poolsCodec(q.QueryPoolsResponse, "QueryPoolsResponse"),
  orders: poolsCodec(q.QueryOrdersResponse, "QueryOrdersResponse"),
  epoch: poolsCodec(q.QueryEpochResponse, "QueryEpochResponse"),
};

/** persistence.pools.v1: records, messages and query responses; rates and prices are decimal strings with 18 fractional digits. */
export const poolsSchemas: readonly MessageSchema[] = [
  message(Params, { originator_requirement: ClaimRequirement, max_settle_epochs: "uint32" }),
  message(TrancheOrders, { invest: "string", redeem: "string" }),
  message(Pool, {
    id: "uint64",
    originator: "string",
    senior_apr: "string",
    min_junior_ratio: "string",
    max_junior_ratio: "string",
    max_reserve: "string",
    investor_requirement: ClaimRequirement,
    discount_apr: "string",
    min_epoch_seconds: "uint64",
    reserve: "string",
    senior_value: "string",
    senior_since: "timestamp",
    senior_supply: "string",
    junior_supply: "string",
    epoch: "uint64",
    epoch_start: "timestamp",
    epoch_state: enumOf(types.EpochState),
    senior_orders: TrancheOrders,
    junior_orders: TrancheOrders,
    payouts: "string",
    written_off_value: "string",
  }),
  message(TrancheExecution, { invest_ordered: "string", redeem_ordered: "string", price: "string", invested: "string", minted: "string", redeemed: "string", paid: "string" }),
  message(EpochResult, { pool_id: "uint64", epoch: "uint64", executed_at: "timestamp", senior: TrancheExecution, junior: TrancheExecution, nav: "string", reserve: "string" }),
  message(Order, { pool_id: "uint64", tranche, investor: "string", invest: "string", redeem: "string", epoch: "uint64", claimable_tokens: "string", claimable_uusd: "string", partly_executed: "bool" }),
  message(PoolView, { pool: Pool, nav: "string", senior_value: "string", junior_value: "string", senior_price: "string", junior_price: "string", senior_denom: "string", junior_denom: "string" }),
  message(OrderView, { order: Order, state: enumOf(q.OrderState) }),
  message(msgs.MsgCreatePoolCodec, {
    originator: "string",
    senior_apr: "string",
    min_junior_ratio: "string",
    max_junior_ratio: "string",
    max_reserve: "string",
    investor_requirement: ClaimRequirement,
    discount_apr: "string",
    min_epoch_seconds: "uint64",
  }),
  message(msgs.MsgCreatePoolResponseCodec, { pool_id: "uint64" }),
  message(msgs.MsgInvestCodec, { investor: "string", pool_id: "uint64", tranche, amount: "string" }),
  message(msgs.MsgInvestResponseCodec, {}),
  message(msgs.MsgRedeemCodec, { investor: "string", pool_id: "uint64", tranche, tokens: "string" }),
  message(msgs.MsgRedeemResponseCodec, {}),
  message(msgs.MsgCloseEpochCodec, { sender: "string", pool_id: "uint64" }),
  message(msgs.MsgCloseEpochResponseCodec, { epoch: "uint64" }),
  message(msgs.MsgClaimCodec, { investor: "string", pool_id: "uint64", tranche }),
  message(msgs.MsgClaimResponseCodec, { tokens: "string", uusd: "string" }),
  message(msgs.MsgFinanceLoanCodec, { originator: "string", pool_id: "uint64", loan_id: "uint64" }),
  message(msgs.MsgFinanceLoanResponseCodec, {}),
  message(poolsResponses.params, { params: Params }),
  message(poolsResponses.pool, { pool: PoolView }),
  message(poolsResponses.pools, { pools: repeated(PoolView), pagination: PageResponse }),
  message(poolsResponses.orders, { orders: repeated(OrderView) }),
  message(poolsResponses.epoch, { result: EpochResult }),
];
