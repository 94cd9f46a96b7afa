import { Params } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";

export interface DistributionParams {
  /** The share of each block's fees and provision that goes to the community pool (18-decimal). */
  communityTax: bigint;
  /** Deprecated in the SDK (always 0 there); kept for the wire format. */
  baseProposerReward: bigint;
  bonusProposerReward: bigint;
  withdrawAddrEnabled: boolean;
}

/** The SDK's defaults: a 2 % community tax, withdraw addresses allowed. */
export const DEFAULT_DISTRIBUTION_PARAMS: DistributionParams = { communityTax: ONE / 50n, baseProposerReward: 0n, bonusProposerReward: 0n, withdrawAddrEnabled: true };

const RATES = [
  ["community_tax", "communityTax"],
  ["base_proposer_reward", "baseProposerReward"],
  ["bonus_proposer_reward", "bonusProposerReward"],
] as const;

/** The SDK's Params.ValidateBasic: each rate between 0 and 1. */
export function validateParams(params: DistributionParams): AppError | undefined {
  for (const [name, field] of RATES) {
    if (params[field] < 0n || params[field] > ONE) return ErrInvalidParams.wrap(`${name} must be between 0 and 1, got ${formatDecimal(params[field])}`);
  }
  return undefined;
}

export function toProtoParams(params: DistributionParams): Params {
  return {
    communityTax: params.communityTax.toString(),
    baseProposerReward: params.baseProposerReward.toString(),
    bonusProposerReward: params.bonusProposerReward.toString(),
    withdrawAddrEnabled: params.withdrawAddrEnabled,
  };
}

export function fromProtoParams(params: Params): DistributionParams {
  return {
    communityTax: BigInt(params.communityTax || "0"),
    baseProposerReward: BigInt(params.baseProposerReward || "0"),
    bonusProposerReward: BigInt(params.bonusProposerReward || "0"),
    withdrawAddrEnabled: params.withdrawAddrEnabled,
  };
}

export function paramsJson(params: DistributionParams): Record<string, unknown> {
  return {
    community_tax: formatDecimal(params.communityTax),
    base_proposer_reward: formatDecimal(params.baseProposerReward),
    bonus_proposer_reward: formatDecimal(params.bonusProposerReward),
    withdraw_addr_enabled: params.withdrawAddrEnabled,
  };
}

/** Params from genesis / governance JSON; rates are decimal strings. */
export function parseParamsJson(value: unknown): DistributionParams | AppError {
  if (value === null || typeof value !== "object") return ErrInvalidParams.wrap("params must be an object");
  const json = value as Record<string, unknown>;
  const params = { ...DEFAULT_DISTRIBUTION_PARAMS };
  for (const [name, field] of RATES) {
    const text = json[name];
    const rate = typeof text === "string" ? parseDecimal(text) : undefined;
    if (rate === undefined) return ErrInvalidParams.wrap(`${name} must be a decimal string, got ${JSON.stringify(text)}`);
    params[field] = rate;
  }
  if (typeof json.withdraw_addr_enabled !== "boolean") return ErrInvalidParams.wrap(`withdraw_addr_enabled must be true or false, got ${JSON.stringify(json.withdraw_addr_enabled)}`);
  params.withdrawAddrEnabled = json.withdraw_addr_enabled;
  return validateParams(params) ?? params;
}
