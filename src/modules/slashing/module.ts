import type { AppModule, ModuleParams } from "../../types/module.js";
import { isError } from "../../types/errors.js";
import { defaultSlashingGenesis, exportSlashingGenesis, initSlashingGenesis } from "./genesis.js";
import type { SlashingKeeper } from "./keeper.js";
import { MODULE_NAME, SLASHING_STORE } from "./keys.js";
import { slashingMessages } from "./msg-server.js";
import { paramsJson, withParam } from "./params.js";
import { slashingQueries } from "./query.js";

/** Governance's view of slashing: each param by its genesis name, validated as genesis does. */
function slashingParams(keeper: SlashingKeeper): ModuleParams {
  return {
    get: (ctx) => paramsJson(keeper.getParams(ctx)),
    set: (ctx, key, value) => {
      const params = withParam(keeper.getParams(ctx), key, value);
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}

/** Slashing: downtime and double-sign punishment (the SDK's x/slashing and x/evidence's equivocation handling). */
export function slashingModule(keeper: SlashingKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [SLASHING_STORE],
    messages: slashingMessages(keeper),
    queries: slashingQueries(keeper),
    defaultGenesis: defaultSlashingGenesis,
    initGenesis: (ctx, genesis) => initSlashingGenesis(ctx, genesis),
    exportGenesis: (ctx) => exportSlashingGenesis(ctx),
    params: slashingParams(keeper),
    beginBlock: (ctx) => keeper.beginBlock(ctx),
  };
}
