import { AccountKeeper } from "../modules/auth/keeper.js";
import { FEE_COLLECTOR } from "../modules/auth/keys.js";
import { authModule } from "../modules/auth/module.js";
import { AssetsKeeper } from "../modules/assets/keeper.js";
import { MODULE_NAME as ASSETS } from "../modules/assets/keys.js";
import { assetsModule } from "../modules/assets/module.js";
import { BankKeeper } from "../modules/bank/keeper.js";
import { BURNER, MINTER } from "../modules/bank/keys.js";
import { bankModule } from "../modules/bank/module.js";
import { IdentityKeeper } from "../modules/identity/keeper.js";
import { identityModule } from "../modules/identity/module.js";
import { MarketKeeper } from "../modules/market/keeper.js";
import { MARKET_ACCOUNT } from "../modules/market/keys.js";
import { marketModule } from "../modules/market/module.js";
import { COMMUNITY_POOL_ACCOUNT, moduleAccountCommunityPool } from "../modules/stakedrop/community-pool.js";
import { StakedropKeeper } from "../modules/stakedrop/keeper.js";
import { STAKEDROP_ACCOUNT } from "../modules/stakedrop/keys.js";
import { stakedropModule } from "../modules/stakedrop/module.js";
import type { AppModule } from "../types/module.js";

/** The keepers other parts of the app (the ante step) use directly. */
export interface Keepers {
  accounts: AccountKeeper;
  bank: BankKeeper;
  identity: IdentityKeeper;
  assets: AssetsKeeper;
}

/** Every module of the chain, in genesis order: a new module is one line here. */
export function assembleModules(): { keepers: Keepers; modules: AppModule[] } {
  const accounts = new AccountKeeper({ [FEE_COLLECTOR]: [], [ASSETS]: [MINTER, BURNER], [MARKET_ACCOUNT]: [], [STAKEDROP_ACCOUNT]: [], [COMMUNITY_POOL_ACCOUNT]: [] });
  const bank = new BankKeeper(accounts);
  const identity = new IdentityKeeper();
  bank.appendSendRestriction(identity.restrictTransfer);
  const assets = new AssetsKeeper(bank, identity);
  const market = new MarketKeeper(bank, identity, assets);
  const stakedrop = new StakedropKeeper(bank, moduleAccountCommunityPool(bank));
  return {
    keepers: { accounts, bank, identity, assets },
    modules: [authModule(accounts), bankModule(bank), identityModule(identity), assetsModule(assets), marketModule(market), stakedropModule(stakedrop)],
  };
}
