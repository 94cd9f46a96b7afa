import type { AppModule } from "../../types/module.js";
import { defaultGovGenesis, exportGovGenesis, initGovGenesis, type GovGenesisBank } from "./genesis.js";
import { govParams } from "./gov-params.js";
import type { GovKeeper } from "./keeper.js";
import { GOV_STORE, MODULE_NAME } from "./keys.js";
import { govMessages } from "./msg-server.js";
import { govQueries } from "./query.js";

/** x/gov: proposals with deposits, weighted votes tallied over bonded stake, execution of passed proposals. */
export function govModule(keeper: GovKeeper, bank: GovGenesisBank): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [GOV_STORE],
    messages: govMessages(keeper),
    queries: govQueries(keeper),
    defaultGenesis: defaultGovGenesis,
    initGenesis: (ctx, genesis) => initGovGenesis(bank, ctx, genesis),
    exportGenesis: (ctx) => exportGovGenesis(ctx),
    params: govParams,
    endBlock: (ctx) => keeper.endBlock(ctx),
  };
}
