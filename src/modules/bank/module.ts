import type { AppModule } from "../../types/module.js";
import { bankParams } from "./gov-params.js";
import { defaultBankGenesis, exportBankGenesis, initBankGenesis } from "./genesis.js";
import type { BankKeeper } from "./keeper.js";
import { BANK_STORE, MODULE_NAME } from "./keys.js";
import { bankMessages } from "./msg-server.js";
import { bankQueries } from "./query.js";

/** x/bank: balances, supply, denom metadata and transfers. */
export function bankModule(keeper: BankKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [BANK_STORE],
    messages: bankMessages(keeper),
    queries: bankQueries(keeper),
    defaultGenesis: defaultBankGenesis,
    initGenesis: (ctx, genesis) => initBankGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportBankGenesis(keeper, ctx),
    params: bankParams(keeper),
  };
}
