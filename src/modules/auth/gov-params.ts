import { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { ErrInvalidRequest } from "../../types/errors.js";
import type { ModuleParams } from "../../types/module.js";
import type { AccountKeeper } from "./keeper.js";

const KEYS = {
  max_memo_characters: "maxMemoCharacters",
  tx_sig_limit: "txSigLimit",
  tx_size_cost_per_byte: "txSizeCostPerByte",
  sig_verify_cost_ed25519: "sigVerifyCostEd25519",
  sig_verify_cost_secp256k1: "sigVerifyCostSecp256k1",
} as const satisfies Record<string, keyof Params>;

const UINT64 = /^[1-9]\d{0,19}$/;

/** The auth params governance may change: each a positive whole number (the SDK's Params.Validate), as genesis writes it ("256"). */
export function authParams(keeper: AccountKeeper): ModuleParams {
  return {
    get: (ctx) => {
      const params = keeper.getParams(ctx);
      return Object.fromEntries(Object.entries(KEYS).map(([key, field]) => [key, params[field].toString()]));
    },
    set: (ctx, key, value) => {
      const field = (KEYS as Record<string, keyof Params | undefined>)[key];
      if (!field) return ErrInvalidRequest.wrap(`auth has no param ${key}`);
      const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
      if (!UINT64.test(text) || BigInt(text) >= 2n ** 64n) return ErrInvalidRequest.wrap(`${key} must be a positive whole number below 2^64, got ${JSON.stringify(value)}`);
      keeper.setParams(ctx, { ...keeper.getParams(ctx), [field]: BigInt(text) });
      return undefined;
    },
  };
}
