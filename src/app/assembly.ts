import { AccountKeeper } from "../modules/auth/keeper.js";
import { FEE_COLLECTOR } from "../modules/auth/keys.js";
import { authModule } from "../modules/auth/module.js";
import { AssetsKeeper } from "../modules/assets/keeper.js";
import { MODULE_NAME as ASSETS } from "../modules/assets/keys.js";
import { assetsModule } from "../modules/assets/module.js";
import { BankKeeper } from "../modules/bank/keeper.js";
import { BURNER, MINTER } from "../modules/bank/keys.js";
import { bankModule } from "../modules/bank/module.js";
import { GovKeeper } from "../modules/gov/keeper.js";
import { GOV_ACCOUNT } from "../modules/gov/keys.js";
import { govModule } from "../modules/gov/module.js";
import { Subspaces } from "../modules/gov/subspaces.js";
import { IdentityKeeper } from "../modules/identity/keeper.js";
import { identityModule } from "../modules/identity/module.js";
import { DistributionKeeper } from "../modules/distribution/keeper.js";
import { distributionHooks } from "../modules/distribution/hooks.js";
import { DISTRIBUTION_ACCOUNT } from "../modules/distribution/keys.js";
import { distributionModule } from "../modules/distribution/module.js";
import { LendingKeeper } from "../modules/lending/keeper.js";
import { LENDING_ACCOUNT } from "../modules/lending/keys.js";
import { lendingModule } from "../modules/lending/module.js";
import { MarketKeeper } from "../modules/market/keeper.js";
import { MARKET_ACCOUNT } from "../modules/market/keys.js";
import { marketModule } from "../modules/market/module.js";
import { MintKeeper } from "../modules/mint/keeper.js";
import { MINT_ACCOUNT } from "../modules/mint/keys.js";
import { mintModule } from "../modules/mint/module.js";
import { PoolsKeeper } from "../modules/pools/keeper.js";
import { POOLS_ACCOUNT } from "../modules/pools/keys.js";
import { poolsModule } from "../modules/pools/module.js";
import { StakedropKeeper } from "../modules/stakedrop/keeper.js";
import { STAKEDROP_ACCOUNT } from "../modules/stakedrop/keys.js";
import { stakedropModule } from "../modules/stakedrop/module.js";
import { SlashingKeeper } from "../modules/slashing/keeper.js";
import { slashingModule } from "../modules/slashing/module.js";
import { StakingKeeper } from "../modules/staking/keeper.js";
import { BONDED_POOL, NOT_BONDED_POOL, STAKING_PERMISSION } from "../modules/staking/keys.js";
import { stakingModule } from "../modules/staking/module.js";
import type { AppModule } from "../types/module.js";

/** The keepers other parts of the app (the ante step) use directly. */
export interface Keepers {
  accounts: AccountKeeper;
  bank: BankKeeper;
  identity: IdentityKeeper;
  assets: AssetsKeeper;
  staking: StakingKeeper;
}

/** Every module of the chain, in genesis order: a new module is one line here. */
export function assembleModules(): { keepers: Keepers; modules: AppModule[] } {
  const accounts = new AccountKeeper({ [FEE_COLLECTOR]: [], [ASSETS]: [MINTER, BURNER], [MARKET_ACCOUNT]: [], [LENDING_ACCOUNT]: [], [POOLS_ACCOUNT]: [MINTER, BURNER], [STAKEDROP_ACCOUNT]: [], [MINT_ACCOUNT]: [MINTER], [DISTRIBUTION_ACCOUNT]: [], [GOV_ACCOUNT]: [BURNER], [BONDED_POOL]: [BURNER, STAKING_PERMISSION], [NOT_BONDED_POOL]: [BURNER, STAKING_PERMISSION] });
  const bank = new BankKeeper(accounts);
  const identity = new IdentityKeeper();
  bank.appendSendRestriction(identity.restrictTransfer);
  const assets = new AssetsKeeper(bank, identity);
  const market = new MarketKeeper(bank, identity, assets);
  const lending = new LendingKeeper(bank, identity, assets, market);
  const pools = new PoolsKeeper(bank, identity, lending);
  market.addHolderRequirementSource("pool/", pools);
  const staking = new StakingKeeper(bank);
  const mint = new MintKeeper(bank, staking);
  const distribution = new DistributionKeeper(bank, staking);
  staking.addHooks(distributionHooks(distribution, staking, bank));
  const slashing = new SlashingKeeper(staking);
  staking.addHooks(slashing.hooks());
  const stakedrop = new StakedropKeeper(bank, distribution);
  const subspaces = new Subspaces();
  const gov = new GovKeeper({ bank, staking, distribution, params: subspaces.lookup });
  return {
    keepers: { accounts, bank, identity, assets, staking },
    modules: subspaces.register([authModule(accounts), bankModule(bank), identityModule(identity), assetsModule(assets), marketModule(market), stakedropModule(stakedrop), mintModule(mint), distributionModule(distribution, staking, bank), slashingModule(slashing), govModule(gov, bank), stakingModule(staking), lendingModule(lending), poolsModule(pools)]),
  };
}
