import * as q from "../../generated/persistence/pools/v1/query.js";
import { EpochState, Pool, Tranche, type Order } from "../../generated/persistence/pools/v1/types.js";
import type { Context } from "../../types/context.js";
import { formatDecimal } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { decodeAddress } from "../../types/address.js";
import { ErrPoolNotFound } from "./errors.js";
import type { PoolsKeeper } from "./keeper.js";
import { trancheDenom } from "./keys.js";
import { poolValues } from "./nav.js";
import { settleOrder } from "./orders.js";
import { toProtoParams } from "./params.js";
import { PoolsStore } from "./store.js";

const SERVICE = "/persistence.pools.v1.Query";

/** A pool with its NAV, tranche values and prices at the context's block time. */
export function poolView(store: PoolsStore, pool: Pool, ctx: Context): q.PoolView {
  const values = poolValues(store, pool, ctx.block.time.seconds);
  return {
    pool,
    nav: values.nav.toString(),
    seniorValue: values.senior.toString(),
    juniorValue: values.junior.toString(),
    seniorPrice: formatDecimal(values.seniorPrice),
    juniorPrice: formatDecimal(values.juniorPrice),
    seniorDenom: trancheDenom(pool.id, "senior"),
    juniorDenom: trancheDenom(pool.id, "junior"),
  };
}

/** What an order settled to the last executed epoch is doing. */
export function orderState(pool: Pool, order: Order): q.OrderState {
  const open = order.invest !== "0" || order.redeem !== "0";
  if (open && pool.epochState === EpochState.EPOCH_STATE_EXECUTING) return q.OrderState.ORDER_STATE_LOCKED;
  if (open) return order.partlyExecuted ? q.OrderState.ORDER_STATE_PARTLY_EXECUTED : q.OrderState.ORDER_STATE_OPEN;
  if (order.claimableTokens !== "0" || order.claimableUusd !== "0") return q.OrderState.ORDER_STATE_EXECUTED;
  return q.OrderState.ORDER_STATE_DONE;
}

/** persistence.pools.v1.Query: each answer reads a bounded number of keys (a pool's buckets for its NAV). */
export function poolsQueries(keeper: PoolsKeeper): QueryRoute[] {
  return [
    queryRoute(`${SERVICE}/Params`, q.QueryParamsRequest, q.QueryParamsResponse, (ctx) => ({ params: toProtoParams(keeper.getParams(ctx)) })),
    queryRoute(`${SERVICE}/Pool`, q.QueryPoolRequest, q.QueryPoolResponse, (ctx, req) => {
      const store = new PoolsStore(ctx);
      const pool = store.getPool(req.id);
      return pool ? { pool: poolView(store, pool, ctx) } : ErrPoolNotFound.wrap(`no pool ${req.id}`);
    }),
    queryRoute(`${SERVICE}/Pools`, q.QueryPoolsRequest, q.QueryPoolsResponse, (ctx, req) => {
      const store = new PoolsStore(ctx);
      const result = paginate(store.pools(), req.pagination);
      if (isError(result)) return result;
      return { pools: result.entries.map(([, value]) => poolView(store, Pool.decode(value), ctx)), pagination: result.page };
    }),
    queryRoute(`${SERVICE}/Orders`, q.QueryOrdersRequest, q.QueryOrdersResponse, (ctx, req) => {
      const investor = decodeAddress(req.investor);
      if (isError(investor)) return investor;
      const store = new PoolsStore(ctx);
      const pool = store.getPool(req.poolId);
      if (!pool) return ErrPoolNotFound.wrap(`no pool ${req.poolId}`);
      const orders: q.OrderView[] = [];
      for (const tranche of [Tranche.TRANCHE_SENIOR, Tranche.TRANCHE_JUNIOR]) {
        const stored = store.getOrder(pool.id, tranche, investor);
        if (!stored) continue;
        const { order } = settleOrder(store, pool, stored, keeper.getParams(ctx).maxSettleEpochs);
        orders.push({ order, state: orderState(pool, order) });
      }
      return { orders };
    }),
    queryRoute(`${SERVICE}/Epoch`, q.QueryEpochRequest, q.QueryEpochResponse, (ctx, req) => {
      const result = new PoolsStore(ctx).getEpoch(req.poolId, req.epoch);
      return result ? { result } : ErrPoolNotFound.wrap(`no executed epoch ${req.epoch} of pool ${req.poolId}`);
    }),
  ];
}
