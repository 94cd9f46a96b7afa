import type { AppModule } from "../../types/module.js";
import { defaultStakedropGenesis, exportStakedropGenesis, initStakedropGenesis } from "./genesis.js";
import type { StakedropKeeper } from "./keeper.js";
import { MODULE_NAME, STAKEDROP_STORE } from "./keys.js";
import { stakedropMessages } from "./msg-server.js";
import { stakedropQueries } from "./query.js";

/** The stakedrop: XPRT for Cosmos Hub stakers, claimed with an ADR-036 signature, the rest to the community pool. */
export function stakedropModule(keeper: StakedropKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [STAKEDROP_STORE],
    messages: stakedropMessages(keeper),
    queries: stakedropQueries(keeper),
    defaultGenesis: defaultStakedropGenesis,
    initGenesis: (ctx, genesis) => initStakedropGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportStakedropGenesis(ctx),
    endBlock: (ctx) => keeper.closeIfEnded(ctx),
  };
}
