import type { AppModule } from "../../types/module.js";
import { marketParams } from "./gov-params.js";
import { defaultMarketGenesis, exportMarketGenesis, initMarketGenesis } from "./genesis.js";
import type { MarketKeeper } from "./keeper.js";
import { MARKET_STORE, MODULE_NAME } from "./keys.js";
import { marketMessages } from "./msg-server.js";
import { marketQueries } from "./query.js";

/** The market: order books of RWA NFTs and fractions against uusd, with escrow and delivery versus payment. */
export function marketModule(keeper: MarketKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [MARKET_STORE],
    messages: marketMessages(keeper),
    queries: marketQueries(keeper),
    defaultGenesis: defaultMarketGenesis,
    initGenesis: (ctx, genesis) => initMarketGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportMarketGenesis(keeper, ctx),
    params: marketParams(keeper),
    endBlock: (ctx) => keeper.expireOrders(ctx),
  };
}
