import type { AppModule } from "../../types/module.js";
import { defaultStakingGenesis, exportStakingGenesis, initStakingGenesis, stakingGenesisValidators } from "./genesis.js";
import { stakingParams } from "./gov-params.js";
import type { StakingKeeper } from "./keeper.js";
import { MODULE_NAME, STAKING_STORE } from "./keys.js";
import { stakingMessages } from "./msg-server.js";
import { stakingQueries } from "./query.js";

/** x/staking: validators, delegations, unbonding, redelegation, the active set and its updates to consensus. */
export function stakingModule(keeper: StakingKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [STAKING_STORE],
    messages: stakingMessages(keeper),
    queries: stakingQueries(keeper),
    params: stakingParams(keeper),
    defaultGenesis: defaultStakingGenesis,
    initGenesis: (ctx, genesis) => initStakingGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportStakingGenesis(ctx),
    genesisValidators: (ctx) => stakingGenesisValidators(ctx),
    endBlock: (ctx) => keeper.endBlock(ctx),
  };
}
