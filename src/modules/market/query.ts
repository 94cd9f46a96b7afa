import {
  QueryOrderBookRequest,
  QueryOrderBookResponse,
  QueryOrderRequest,
  QueryOrderResponse,
  QueryOrdersByOwnerRequest,
  QueryOrdersByOwnerResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryRecentTradesRequest,
  QueryRecentTradesResponse,
} from "../../generated/persistence/market/v1/query.js";
import { Side } from "../../generated/persistence/market/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import { ErrInvalidRequest, isError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, paginate } from "../../types/pagination.js";
import { parseBase } from "./asset.js";
import { ErrOrderNotFound } from "./errors.js";
import type { MarketKeeper } from "./keeper.js";
import { toProtoOrder } from "./order.js";
import { toProtoParams } from "./params.js";
import { MarketStore } from "./store.js";
import { readUint64 } from "../../store/bytes.js";

const SERVICE = "/persistence.market.v1.Query";

/** persistence.market.v1.Query: each answer reads a bounded number of keys. */
export function marketQueries(keeper: MarketKeeper): QueryRoute[] {
  return [
    queryRoute(`${SERVICE}/Params`, QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: toProtoParams(keeper.getParams(ctx)) })),
    queryRoute(`${SERVICE}/Order`, QueryOrderRequest, QueryOrderResponse, (ctx, req) => {
      const order = keeper.getOrder(ctx, req.id);
      return order ? { order: toProtoOrder(order) } : ErrOrderNotFound.wrap(`no open order ${req.id}`);
    }),
    queryRoute(`${SERVICE}/OrderBook`, QueryOrderBookRequest, QueryOrderBookResponse, (ctx, req) => {
      const base = parseBase(req.base);
      if (isError(base)) return base;
      if (req.side !== Side.SIDE_BUY && req.side !== Side.SIDE_SELL) return ErrInvalidRequest.wrap("side must be SIDE_BUY or SIDE_SELL");
      const limit = req.limit === 0 ? DEFAULT_PAGE_LIMIT : Math.min(req.limit, MAX_PAGE_LIMIT);
      return { levels: new MarketStore(ctx).levels(req.base, req.side, limit) };
    }),
    queryRoute(`${SERVICE}/OrdersByOwner`, QueryOrdersByOwnerRequest, QueryOrdersByOwnerResponse, (ctx, req) => {
      const owner = decodeAddress(req.owner);
      if (isError(owner)) return owner;
      const store = new MarketStore(ctx);
      const page = paginate(store.ownerOrders(owner), req.pagination);
      if (isError(page)) return page;
      return { orders: page.entries.map(([key]) => toProtoOrder(store.getOrder(readUint64(key))!)), pagination: page.page };
    }),
    queryRoute(`${SERVICE}/RecentTrades`, QueryRecentTradesRequest, QueryRecentTradesResponse, (ctx, req) => {
      const base = parseBase(req.base);
      if (isError(base)) return base;
      return { trades: new MarketStore(ctx).recentTrades(req.base, keeper.getParams(ctx).recentTradesKept) };
    }),
  ];
}
