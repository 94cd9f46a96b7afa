import type { ModuleParams } from "../../types/module.js";
import { isError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";
import type { StakingKeeper } from "./keeper.js";
import { paramsToJson, readParam } from "./params.js";

/**
 * Every staking param, as genesis writes it; a new value is checked as genesis checks it.
 * `bond_denom` never changes after genesis: validator tokens, delegations, unbonding entries, the
 * pools' balances, mint and distribution all count in it, so only its current value is accepted.
 */
export function stakingParams(keeper: StakingKeeper): ModuleParams {
  return {
    get: (ctx) => paramsToJson(keeper.getParams(ctx)),
    set: (ctx, key, value) => {
      const current = keeper.getParams(ctx);
      if (key === "bond_denom" && value !== current.bondDenom) return ErrInvalidParams.wrap(`bond_denom is fixed at genesis (${current.bondDenom}); got ${JSON.stringify(value)}`);
      const params = readParam(current, key, value);
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}
