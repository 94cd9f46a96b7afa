import { Params } from "../../generated/persistence/lending/v1/types.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import type { AppModule, ModuleParams } from "../../types/module.js";
import { ErrInvalidParams } from "./errors.js";
import { defaultLendingGenesis, exportLendingGenesis, initLendingGenesis, valuersFromJson } from "./genesis.js";
import type { LendingKeeper } from "./keeper.js";
import { LENDING_STORE, MODULE_NAME } from "./keys.js";
import { lendingMessages } from "./msg-server.js";
import { toProtoParams } from "./params.js";
import { lendingQueries } from "./query.js";

/**
 * Governance's view: every field of Params by its snake_case key, plus `valuers` (the registry).
 * A value is the genesis JSON of that field; set validates the whole params as genesis does.
 */
export function lendingParams(keeper: LendingKeeper): ModuleParams {
  // Proto JSON omits empty lists; gov only changes keys that `get` lists, so they are kept.
  const current = (ctx: Context) => renameKeysDeep({ advanceRates: [], writeOffs: [], ...(Params.toJSON(toProtoParams(keeper.getParams(ctx))) as object) }, camelToSnake) as Record<string, unknown>;
  return {
    get: (ctx) => ({ ...current(ctx), valuers: (exportLendingGenesis(keeper, ctx) as { valuers: unknown }).valuers }),
    set: (ctx, key, value): AppError | undefined => {
      if (key === "valuers") {
        const valuers = valuersFromJson(value);
        if (isError(valuers)) return valuers;
        keeper.setValuers(ctx, valuers);
        return undefined;
      }
      const json = current(ctx);
      if (!snakeKeys.has(key)) return ErrInvalidParams.wrap(`unknown lending param ${key}`);
      const params = keeper.parseParams(Params.fromJSON(renameKeysDeep({ ...json, [key]: value }, snakeToCamel)));
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}

/** Every Params field's snake_case key. */
const snakeKeys = new Set(Object.keys(Params.fromPartial({})).map(camelToSnake));

/** Lending: loans in uusd against pledged RWA NFTs or fractions; appraisal, interest, repayment, default, auction, write-off. */
export function lendingModule(keeper: LendingKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [LENDING_STORE],
    messages: lendingMessages(keeper),
    queries: lendingQueries(keeper),
    defaultGenesis: defaultLendingGenesis,
    initGenesis: (ctx, genesis) => initLendingGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportLendingGenesis(keeper, ctx),
    params: lendingParams(keeper),
    endBlock: (ctx) => keeper.endBlock(ctx),
  };
}
