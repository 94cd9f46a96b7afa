import { Params } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { EvidenceParams } from "cosmjs-types/tendermint/types/params";
import { fromUtf8, utf8 } from "../../store/bytes.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";
import { durationToNanos, formatDuration, nanosToDuration, parseDuration } from "./time.js";

/** Slashing's parameters: the SDK's x/slashing params plus CometBFT's evidence age limits. */
export interface SlashingParams {
  /** Blocks in the sliding window of liveness. */
  signedBlocksWindow: bigint;
  /** Share of the window a validator must sign, 18-decimal fixed point. */
  minSignedPerWindow: bigint;
  /** How long a validator jailed for downtime stays jailed, nanoseconds. */
  downtimeJailDuration: bigint;
  /** Shares of the stake slashed for double signing and for downtime, 18-decimal fixed point. */
  slashFractionDoubleSign: bigint;
  slashFractionDowntime: bigint;
  /** Evidence older than both limits is ignored (CometBFT's consensus params, evidence section). */
  maxEvidenceAgeBlocks: bigint;
  /** Nanoseconds. */
  maxEvidenceAgeDuration: bigint;
}

const SECOND = 1_000_000_000n;

/** The SDK's defaults (window 100, half signed, 600 s, 5% and 1%) and CometBFT's (100,000 blocks, 48 h). */
export const DEFAULT_SLASHING_PARAMS: SlashingParams = {
  signedBlocksWindow: 100n,
  minSignedPerWindow: ONE / 2n,
  downtimeJailDuration: 600n * SECOND,
  slashFractionDoubleSign: ONE / 20n,
  slashFractionDowntime: ONE / 100n,
  maxEvidenceAgeBlocks: 100_000n,
  maxEvidenceAgeDuration: 48n * 3600n * SECOND,
};

const MAX_INT64 = 2n ** 63n - 1n;

/** The params keys, as genesis JSON and governance name them. */
export const PARAM_KEYS = [
  "signed_blocks_window",
  "min_signed_per_window",
  "downtime_jail_duration",
  "slash_fraction_double_sign",
  "slash_fraction_downtime",
  "max_age_num_blocks",
  "max_age_duration",
] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];

/** The cosmos.slashing.v1beta1.Params wire form: LegacyDec as the 18-decimal integer's digits. */
export function toProtoParams(params: SlashingParams): Params {
  return {
    signedBlocksWindow: params.signedBlocksWindow,
    minSignedPerWindow: utf8(params.minSignedPerWindow.toString()),
    downtimeJailDuration: nanosToDuration(params.downtimeJailDuration),
    slashFractionDoubleSign: utf8(params.slashFractionDoubleSign.toString()),
    slashFractionDowntime: utf8(params.slashFractionDowntime.toString()),
  };
}

export function toProtoEvidenceParams(params: SlashingParams): EvidenceParams {
  return { maxAgeNumBlocks: params.maxEvidenceAgeBlocks, maxAgeDuration: nanosToDuration(params.maxEvidenceAgeDuration), maxBytes: 0n };
}

export function fromProto(params: Params, evidence: EvidenceParams): SlashingParams {
  return {
    signedBlocksWindow: params.signedBlocksWindow,
    minSignedPerWindow: BigInt(fromUtf8(params.minSignedPerWindow)),
    downtimeJailDuration: durationToNanos(params.downtimeJailDuration),
    slashFractionDoubleSign: BigInt(fromUtf8(params.slashFractionDoubleSign)),
    slashFractionDowntime: BigInt(fromUtf8(params.slashFractionDowntime)),
    maxEvidenceAgeBlocks: evidence.maxAgeNumBlocks,
    maxEvidenceAgeDuration: durationToNanos(evidence.maxAgeDuration),
  };
}

/** Each param as genesis JSON writes it (the SDK's: decimals with 18 places, durations "600s"). */
export function paramsJson(params: SlashingParams): Record<ParamKey, string> {
  return {
    signed_blocks_window: params.signedBlocksWindow.toString(),
    min_signed_per_window: formatDecimal(params.minSignedPerWindow),
    downtime_jail_duration: formatDuration(params.downtimeJailDuration),
    slash_fraction_double_sign: formatDecimal(params.slashFractionDoubleSign),
    slash_fraction_downtime: formatDecimal(params.slashFractionDowntime),
    max_age_num_blocks: params.maxEvidenceAgeBlocks.toString(),
    max_age_duration: formatDuration(params.maxEvidenceAgeDuration),
  };
}

/** Reads one param's JSON value, validated as the SDK does; the params with it replaced. */
export function withParam(params: SlashingParams, key: string, value: unknown): SlashingParams | AppError {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== "string") return ErrInvalidParams.wrap(`${key} must be a string, got ${JSON.stringify(value)}`);
  switch (key as ParamKey) {
    case "signed_blocks_window":
    case "max_age_num_blocks": {
      const blocks = /^[1-9]\d{0,18}$/.test(text) ? BigInt(text) : 0n;
      if (blocks === 0n || blocks > MAX_INT64) return ErrInvalidParams.wrap(`${key} must be a positive number of blocks, got "${text}"`);
      return key === "signed_blocks_window" ? { ...params, signedBlocksWindow: blocks } : { ...params, maxEvidenceAgeBlocks: blocks };
    }
    case "min_signed_per_window":
    case "slash_fraction_double_sign":
    case "slash_fraction_downtime": {
      const fraction = parseDecimal(text);
      if (fraction === undefined || fraction > ONE) return ErrInvalidParams.wrap(`${key} must be a decimal from 0 to 1, got "${text}"`);
      const field = key === "min_signed_per_window" ? "minSignedPerWindow" : key === "slash_fraction_double_sign" ? "slashFractionDoubleSign" : "slashFractionDowntime";
      return { ...params, [field]: fraction };
    }
    case "downtime_jail_duration":
    case "max_age_duration": {
      const nanos = parseDuration(text);
      if (nanos === undefined || nanos === 0n) return ErrInvalidParams.wrap(`${key} must be a positive duration such as "600s", got "${text}"`);
      return key === "downtime_jail_duration" ? { ...params, downtimeJailDuration: nanos } : { ...params, maxEvidenceAgeDuration: nanos };
    }
    default:
      return ErrInvalidParams.wrap(`unknown slashing param "${key}"; known: ${PARAM_KEYS.join(", ")}`);
  }
}

/**
 * The blocks of the window a validator must sign: min_signed_per_window × window rounded half to
 * even, as the SDK's LegacyDec.RoundInt64.
 */
export function minSignedBlocks(params: SlashingParams): bigint {
  const product = params.minSignedPerWindow * params.signedBlocksWindow;
  const whole = product / ONE;
  const rest = product % ONE;
  const twice = rest * 2n;
  return twice > ONE || (twice === ONE && whole % 2n === 1n) ? whole + 1n : whole;
}

/** The most blocks of the window a validator may miss without being jailed. */
export function maxMissedBlocks(params: SlashingParams): bigint {
  return params.signedBlocksWindow - minSignedBlocks(params);
}
