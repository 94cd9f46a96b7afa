import { ErrInvalidRequest } from "../../types/errors.js";
import type { ModuleParams } from "../../types/module.js";
import type { BankKeeper } from "./keeper.js";

/** The bank param governance may change: default_send_enabled (per-denom flags are not params since SDK v0.47). */
export function bankParams(keeper: BankKeeper): ModuleParams {
  return {
    get: (ctx) => ({ default_send_enabled: keeper.getParams(ctx).defaultSendEnabled }),
    set: (ctx, key, value) => {
      if (key !== "default_send_enabled") return ErrInvalidRequest.wrap(`bank has no param ${key}`);
      if (typeof value !== "boolean") return ErrInvalidRequest.wrap(`default_send_enabled must be true or false, got ${JSON.stringify(value)}`);
      keeper.setParams(ctx, { ...keeper.getParams(ctx), defaultSendEnabled: value });
      return undefined;
    },
  };
}
