import { isError } from "../../types/errors.js";
import type { AppModule, ModuleParams } from "../../types/module.js";
import { ErrInvalidParams } from "./errors.js";
import type { BankKeeper, StakingKeeper } from "./expected-keepers.js";
import { defaultDistributionGenesis, exportDistributionGenesis, initDistributionGenesis } from "./genesis.js";
import type { DistributionKeeper } from "./keeper.js";
import { DISTRIBUTION_STORE, MODULE_NAME } from "./keys.js";
import { distributionMessages } from "./msg-server.js";
import { paramsJson, parseParamsJson } from "./params.js";
import { distributionQueries } from "./query.js";

/** Governance changes one param at a time, validated as genesis params are. */
function distributionParams(keeper: DistributionKeeper): ModuleParams {
  return {
    get: (ctx) => paramsJson(keeper.getParams(ctx)),
    set: (ctx, key, value) => {
      const current = paramsJson(keeper.getParams(ctx));
      if (!(key in current)) return ErrInvalidParams.wrap(`unknown distribution param "${key}"`);
      const params = parseParamsJson({ ...current, [key]: value });
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}

/** x/distribution: F1 rewards for validators and delegators, commission, the community pool. */
export function distributionModule(keeper: DistributionKeeper, staking: StakingKeeper, bank: BankKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [DISTRIBUTION_STORE],
    messages: distributionMessages(keeper),
    queries: distributionQueries(keeper, staking),
    defaultGenesis: defaultDistributionGenesis,
    initGenesis: (ctx, genesis) => initDistributionGenesis(bank, ctx, genesis),
    exportGenesis: (ctx) => exportDistributionGenesis(ctx),
    params: distributionParams(keeper),
    beginBlock: (ctx) => keeper.allocateTokens(ctx),
  };
}
