import type { Params } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { isValidDenom } from "../../types/coins.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { ErrInvalidParams } from "./errors.js";

/** 21 days to unbond, 100 active validators, 7 entries per pair, no historical info kept (see README). */
export const DEFAULT_STAKING_PARAMS: Params = {
  unbondingTime: { seconds: 1_814_400n, nanos: 0 },
  maxValidators: 100,
  maxEntries: 7,
  historicalEntries: 0,
  bondDenom: STAKING_DENOM,
  minCommissionRate: "0",
};

/** Params as genesis JSON: the SDK's snake_case, the duration as "1814400s", the rate with its decimal point. */
export function paramsToJson(params: Params): Record<string, unknown> {
  return {
    unbonding_time: `${params.unbondingTime.seconds}s`,
    max_validators: params.maxValidators,
    max_entries: params.maxEntries,
    historical_entries: params.historicalEntries,
    bond_denom: params.bondDenom,
    min_commission_rate: formatDecimal(BigInt(params.minCommissionRate)),
  };
}

const UINT32_MAX = 4_294_967_295;

function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= UINT32_MAX;
}

/** Reads one genesis-JSON param value; what is wrong otherwise. */
export function readParam(params: Params, key: string, value: unknown): Params | AppError {
  switch (key) {
    case "unbonding_time": {
      const match = typeof value === "string" ? /^(\d{1,12})s$/.exec(value) : null;
      if (!match || BigInt(match[1]!) === 0n) return ErrInvalidParams.wrap(`unbonding_time must be a positive whole number of seconds like "1814400s", got ${JSON.stringify(value)}`);
      return { ...params, unbondingTime: { seconds: BigInt(match[1]!), nanos: 0 } };
    }
    case "max_validators":
      return isCount(value, 1) ? { ...params, maxValidators: value } : ErrInvalidParams.wrap(`max_validators must be a positive integer, got ${JSON.stringify(value)}`);
    case "max_entries":
      return isCount(value, 1) ? { ...params, maxEntries: value } : ErrInvalidParams.wrap(`max_entries must be a positive integer, got ${JSON.stringify(value)}`);
    case "historical_entries":
      return isCount(value, 0) ? { ...params, historicalEntries: value } : ErrInvalidParams.wrap(`historical_entries must be a non-negative integer, got ${JSON.stringify(value)}`);
    case "bond_denom":
      return typeof value === "string" && isValidDenom(value) ? { ...params, bondDenom: value } : ErrInvalidParams.wrap(`bond_denom must be a valid denom, got ${JSON.stringify(value)}`);
    case "min_commission_rate": {
      const rate = typeof value === "string" ? parseDecimal(value) : undefined;
      if (rate === undefined || rate > ONE) return ErrInvalidParams.wrap(`min_commission_rate must be a decimal from 0 to 1, got ${JSON.stringify(value)}`);
      return { ...params, minCommissionRate: rate.toString() };
    }
    default:
      return ErrInvalidParams.wrap(`unknown staking param "${key}"`);
  }
}

/** Params from genesis JSON: absent keys keep their defaults. */
export function paramsFromJson(json: unknown): Params | AppError {
  if (json === undefined || json === null) return DEFAULT_STAKING_PARAMS;
  if (typeof json !== "object" || Array.isArray(json)) return ErrInvalidParams.wrap("params must be an object");
  let params: Params | AppError = DEFAULT_STAKING_PARAMS;
  for (const [key, value] of Object.entries(json)) {
    params = readParam(params, key, value);
    if (isError(params)) return params;
  }
  return params;
}
