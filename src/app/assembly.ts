import { AccountKeeper } from "../modules/auth/keeper.js";
import { FEE_COLLECTOR } from "../modules/auth/keys.js";
import { authModule } from "../modules/auth/module.js";
import { BankKeeper } from "../modules/bank/keeper.js";
import { bankModule } from "../modules/bank/module.js";
import type { AppModule } from "../types/module.js";

/** The keepers other parts of the app (the ante step) use directly. */
export interface Keepers {
  accounts: AccountKeeper;
  bank: BankKeeper;
}

/** Every module of the chain, in genesis order: a new module is one line here. */
export function assembleModules(): { keepers: Keepers; modules: AppModule[] } {
  const accounts = new AccountKeeper({ [FEE_COLLECTOR]: [] });
  const bank = new BankKeeper(accounts);
  return {
    keepers: { accounts, bank },
    modules: [authModule(accounts), bankModule(bank)],
  };
}
