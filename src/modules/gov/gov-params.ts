import type { Context } from "../../types/context.js";
import { ErrInvalidRequest, isError } from "../../types/errors.js";
import type { ModuleParams } from "../../types/module.js";
import { GOV_PARAM_KEYS, paramsFromJson, paramsToJson } from "./params.js";
import { GovStore } from "./store.js";

/** Gov's own params, changeable by a ParameterChangeProposal with subspace "gov". */
export const govParams: ModuleParams = {
  get: (ctx: Context) => paramsToJson(new GovStore(ctx).params()),
  set: (ctx, key, value) => {
    const store = new GovStore(ctx);
    const current = paramsToJson(store.params());
    if (!(GOV_PARAM_KEYS as readonly string[]).includes(key)) return ErrInvalidRequest.wrap(`gov has no param ${key}`);
    const params = paramsFromJson({ ...current, [key]: value });
    if (isError(params)) return params;
    store.setParams(params);
    return undefined;
  },
};
