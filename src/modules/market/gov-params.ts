import { Params } from "../../generated/persistence/market/v1/types.js";
import { isError } from "../../types/errors.js";
import { camelToSnake, renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import type { ModuleParams } from "../../types/module.js";
import { ErrInvalidParams } from "./errors.js";
import type { MarketKeeper } from "./keeper.js";
import { toProtoParams } from "./params.js";

const COUNTS = ["max_fills_per_order", "max_expiries_per_block", "recent_trades_kept"];

/** Every market param, as genesis writes it; a new value is checked as genesis checks params. */
export function marketParams(keeper: MarketKeeper): ModuleParams {
  const get: ModuleParams["get"] = (ctx) => renameKeysDeep(Params.toJSON(toProtoParams(keeper.getParams(ctx))), camelToSnake) as Record<string, unknown>;
  return {
    get,
    set: (ctx, key, value) => {
      const current = get(ctx);
      if (!Object.hasOwn(current, key)) return ErrInvalidParams.wrap(`market has no param ${key}`);
      if (COUNTS.includes(key) && !Number.isInteger(value)) return ErrInvalidParams.wrap(`${key} must be a whole number, got ${JSON.stringify(value)}`);
      if (key.endsWith("_rate") && typeof value !== "string") return ErrInvalidParams.wrap(`${key} must be a decimal string, got ${JSON.stringify(value)}`);
      let wire: Params;
      try {
        wire = Params.fromJSON(renameKeysDeep({ ...current, [key]: value }, snakeToCamel));
      } catch (error) {
        return ErrInvalidParams.wrap(`${key}: ${(error as Error).message}`);
      }
      const params = keeper.parseParams(wire);
      if (isError(params)) return params;
      keeper.setParams(ctx, params);
      return undefined;
    },
  };
}
