import type { ModuleParams } from "../../types/module.js";
import { ErrInvalidGenesis } from "./errors.js";
import type { AssetsKeeper } from "./keeper.js";

const UINT64 = /^\d{1,20}$/;

/** The assets param governance may change: max_fraction_units, at least 2 as genesis requires. */
export function assetsParams(keeper: AssetsKeeper): ModuleParams {
  return {
    get: (ctx) => ({ max_fraction_units: keeper.getParams(ctx).maxFractionUnits.toString() }),
    set: (ctx, key, value) => {
      if (key !== "max_fraction_units") return ErrInvalidGenesis.wrap(`assets has no param ${key}`);
      const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
      const units = UINT64.test(text) ? BigInt(text) : 0n;
      if (units < 2n || units >= 2n ** 64n) return ErrInvalidGenesis.wrap(`max_fraction_units must be a whole number from 2 below 2^64, got ${JSON.stringify(value)}`);
      keeper.setParams(ctx, { ...keeper.getParams(ctx), maxFractionUnits: units });
      return undefined;
    },
  };
}
