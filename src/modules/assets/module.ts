import type { AppModule } from "../../types/module.js";
import { assetsParams } from "./gov-params.js";
import { defaultAssetsGenesis, exportAssetsGenesis, initAssetsGenesis } from "./genesis.js";
import type { AssetsKeeper } from "./keeper.js";
import { ASSETS_STORE, MODULE_NAME } from "./keys.js";
import { assetsMessages } from "./msg-server.js";
import { assetsQueries } from "./query.js";

/** Tokenized real-world assets: classes with property schemas, assets as NFTs, their fractions. */
export function assetsModule(keeper: AssetsKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [ASSETS_STORE],
    messages: assetsMessages(keeper),
    queries: assetsQueries(keeper),
    defaultGenesis: defaultAssetsGenesis,
    initGenesis: (ctx, genesis) => initAssetsGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportAssetsGenesis(keeper, ctx),
    params: assetsParams(keeper),
  };
}
