import type { AppModule } from "../../types/module.js";
import { authParams } from "./gov-params.js";
import { defaultAuthGenesis, exportAuthGenesis, initAuthGenesis } from "./genesis.js";
import type { AccountKeeper } from "./keeper.js";
import { AUTH_STORE, MODULE_NAME } from "./keys.js";
import { authQueries } from "./query.js";

/** x/auth: accounts, account numbers and sequences, module accounts and params. */
export function authModule(keeper: AccountKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [AUTH_STORE],
    messages: [],
    queries: authQueries(keeper),
    defaultGenesis: defaultAuthGenesis,
    initGenesis: (ctx, genesis) => initAuthGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportAuthGenesis(keeper, ctx),
    params: authParams(keeper),
  };
}
