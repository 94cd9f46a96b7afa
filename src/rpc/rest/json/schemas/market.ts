import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import * as requirement from "../../../../generated/persistence/identity/v1/requirement.js";
import * as q from "../../../../generated/persistence/market/v1/query.js";
import * as types from "../../../../generated/persistence/market/v1/types.js";
import { identityCodec } from "../../../../modules/identity/codecs.js";
import * as msgs from "../../../../modules/market/codecs.js";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

const Params = msgs.marketCodec(types.Params, "Params");
const Order = msgs.marketCodec(types.Order, "Order");
const PriceLevel = msgs.marketCodec(types.PriceLevel, "PriceLevel");
const Trade = msgs.marketCodec(types.Trade, "Trade");
const side = enumOf(types.Side);
const ClaimRequirement = identityCodec(requirement.ClaimRequirement, "ClaimRequirement");

/** The query responses the REST routes answer with, with their type URLs. */
export const marketResponses = {
  params: msgs.marketCodec(q.QueryParamsResponse, "QueryParamsResponse"),
  order: msgs.marketCodec(q.QueryOrderResponse, "QueryOrderResponse"),
  orderBook: msgs.marketCodec(q.QueryOrderBookResponse, "QueryOrderBookResponse"),
  ordersByOwner: msgs.marketCodec(q.QueryOrdersByOwnerResponse, "QueryOrdersByOwnerResponse"),
  recentTrades: msgs.marketCodec(q.QueryRecentTradesResponse, "QueryRecentTradesResponse"),
};

/**
 * persistence.market.v1: records, messages and query responses. ClaimRequirement is
 * persistence.identity.v1's, described with identity's schemas.
 */
export const marketSchemas: readonly MessageSchema[] = [
  message(Params, {
    maker_fee_rate: "string",
    taker_fee_rate: "string",
    max_fills_per_order: "uint32",
    max_expiries_per_block: "uint32",
    recent_trades_kept: "uint32",
    trading_requirement: ClaimRequirement,
  }),
  message(Order, {
    id: "uint64",
    owner: "string",
    base: "string",
    side,
    price: "string",
    quantity: "string",
    remaining: "string",
    escrow: "string",
    expires_at: "timestamp",
    placed_at: "timestamp",
    suspended: "bool",
  }),
  message(PriceLevel, { price: "string", quantity: "string", order_count: "uint64" }),
  message(Trade, {
    sequence: "uint64",
    base: "string",
    price: "string",
    quantity: "string",
    maker_order_id: "uint64",
    taker_order_id: "uint64",
    maker: "string",
    taker: "string",
    taker_side: side,
    maker_fee: "string",
    taker_fee: "string",
    height: "uint64",
    time: "timestamp",
  }),
  message(msgs.MsgPlaceOrderCodec, { owner: "string", base: "string", side, price: "string", quantity: "string", expires_at: "timestamp" }),
  message(msgs.MsgPlaceOrderResponseCodec, { order_id: "uint64", filled_quantity: "string", resting_quantity: "string" }),
  message(msgs.MsgCancelOrderCodec, { owner: "string", order_id: "uint64" }),
  message(msgs.MsgCancelOrderResponseCodec, {}),
  message(marketResponses.params, { params: Params }),
  message(marketResponses.order, { order: Order }),
  message(marketResponses.orderBook, { levels: repeated(PriceLevel) }),
  message(marketResponses.ordersByOwner, { orders: repeated(Order), pagination: PageResponse }),
  message(marketResponses.recentTrades, { trades: repeated(Trade) }),
];
