import { Params } from "../../generated/persistence/pools/v1/types.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import type { AppModule, ModuleParams } from "../../types/module.js";
import { ErrInvalidParams } from "./errors.js";
import { defaultPoolsGenesis, exportPoolsGenesis, initPoolsGenesis } from "./genesis.js";
import type { PoolsKeeper } from "./keeper.js";
import { MODULE_NAME, POOLS_STORE } from "./keys.js";
import { poolsMessages } from "./msg-server.js";
import { toProtoParams } from "./params.js";
import { poolsQueries } from "./query.js";

/** Every Params field's snake_case key. */
const snakeKeys = new Set(Object.keys(Params.fromPartial({})).map(camelToSnake));

/** Governance's view: every Params field by its snake_case key (genesis JSON values); set validates as genesis does. */
export function poolsParams(keeper: PoolsKeeper): ModuleParams {
  const current = (ctx: Context) => renameKeysDeep(Params.toJSON(toProtoParams(keeper.getParams(ctx))), camelToSnake) as Record<string, unknown>;
  return {
    get: current,
    set: (ctx, key, value): AppError | undefined => {
      if (!snakeKeys.has(key)) return ErrInvalidParams.wrap(`unknown pools param ${key}`);
      const params = keeper.parseParams(Params.fromJSON(renameKeysDeep({ ...current(ctx), [key]: value }, snakeToCamel)));
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}

/** Pools: senior/junior tranches over a reserve and loans financed through lending, invest/redeem per epoch, NAV. */
export function poolsModule(keeper: PoolsKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [POOLS_STORE],
    messages: poolsMessages(keeper),
    queries: poolsQueries(keeper),
    defaultGenesis: defaultPoolsGenesis,
    initGenesis: (ctx, genesis) => initPoolsGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportPoolsGenesis(keeper, ctx),
    params: poolsParams(keeper),
    endBlock: (ctx) => keeper.endBlock(ctx),
  };
}
