import { isError } from "../../types/errors.js";
import type { AppModule, ModuleParams } from "../../types/module.js";
import { ErrInvalidMintParams } from "./errors.js";
import { defaultMintGenesis, exportMintGenesis, initMintGenesis } from "./genesis.js";
import type { MintKeeper } from "./keeper.js";
import { MINT_STORE, MODULE_NAME } from "./keys.js";
import { mintParamsJson, parseMintParamsJson } from "./params.js";
import { mintQueries } from "./query.js";

/** Governance changes one param at a time, validated as genesis params are. */
function mintParams(keeper: MintKeeper): ModuleParams {
  return {
    get: (ctx) => mintParamsJson(keeper.getParams(ctx)),
    set: (ctx, key, value) => {
      const current = mintParamsJson(keeper.getParams(ctx));
      if (!(key in current)) return ErrInvalidMintParams.wrap(`unknown mint param "${key}"`);
      const params = parseMintParamsJson({ ...current, [key]: value });
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}

/** x/mint: inflation toward a bonded goal, minted each block into the fee collector. */
export function mintModule(keeper: MintKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [MINT_STORE],
    messages: [],
    queries: mintQueries(keeper),
    defaultGenesis: defaultMintGenesis,
    initGenesis: (ctx, genesis) => initMintGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportMintGenesis(keeper, ctx),
    params: mintParams(keeper),
    beginBlock: (ctx) => keeper.mintBlockProvision(ctx),
  };
}
