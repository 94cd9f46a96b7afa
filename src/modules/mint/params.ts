import { Minter, Params } from "cosmjs-types/cosmos/mint/v1beta1/mint";
import { isValidDenom } from "../../types/coins.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidMintParams } from "./errors.js";

/** x/mint's params; rates are 18-decimal fixed point. */
export interface MintParams {
  mintDenom: string;
  /** The most inflation moves in a year. */
  inflationRateChange: bigint;
  inflationMax: bigint;
  inflationMin: bigint;
  /** The bonded ratio inflation steers toward. */
  goalBonded: bigint;
  blocksPerYear: bigint;
}

/** The inflation in force and the annual provisions it yields (a decimal amount of the mint denom). */
export interface MinterState {
  inflation: bigint;
  annualProvisions: bigint;
}

const percent = (n: bigint) => (n * ONE) / 100n;

/** The Cosmos SDK's defaults: 7–20 % inflation moving at most 13 % a year toward 67 % bonded; 5 s blocks. */
export const DEFAULT_MINT_PARAMS: MintParams = {
  mintDenom: STAKING_DENOM,
  inflationRateChange: percent(13n),
  inflationMax: percent(20n),
  inflationMin: percent(7n),
  goalBonded: percent(67n),
  blocksPerYear: 6_311_520n,
};

export const DEFAULT_MINTER: MinterState = { inflation: percent(13n), annualProvisions: 0n };

/** The SDK's Params.Validate. */
export function validateMintParams(params: MintParams): AppError | undefined {
  if (!isValidDenom(params.mintDenom)) return ErrInvalidMintParams.wrap(`invalid mint denom "${params.mintDenom}"`);
  for (const [name, rate] of [["inflation_rate_change", params.inflationRateChange], ["inflation_max", params.inflationMax], ["inflation_min", params.inflationMin]] as const) {
    if (rate < 0n || rate > ONE) return ErrInvalidMintParams.wrap(`${name} must be between 0 and 1, got ${formatDecimal(rate)}`);
  }
  if (params.inflationMax < params.inflationMin) {
    return ErrInvalidMintParams.wrap(`max inflation (${formatDecimal(params.inflationMax)}) must be greater than or equal to min inflation (${formatDecimal(params.inflationMin)})`);
  }
  if (params.goalBonded <= 0n || params.goalBonded > ONE) return ErrInvalidMintParams.wrap(`goal_bonded must be above 0 and at most 1, got ${formatDecimal(params.goalBonded)}`);
  if (params.blocksPerYear <= 0n) return ErrInvalidMintParams.wrap("blocks_per_year must be positive");
  return undefined;
}

/** Protobuf form: LegacyDec fields carry the 18-decimal integer without a point. */
export function toProtoParams(params: MintParams): Params {
  return {
    mintDenom: params.mintDenom,
    inflationRateChange: params.inflationRateChange.toString(),
    inflationMax: params.inflationMax.toString(),
    inflationMin: params.inflationMin.toString(),
    goalBonded: params.goalBonded.toString(),
    blocksPerYear: params.blocksPerYear,
  };
}

export function fromProtoParams(params: Params): MintParams {
  return {
    mintDenom: params.mintDenom,
    inflationRateChange: BigInt(params.inflationRateChange),
    inflationMax: BigInt(params.inflationMax),
    inflationMin: BigInt(params.inflationMin),
    goalBonded: BigInt(params.goalBonded),
    blocksPerYear: params.blocksPerYear,
  };
}

export function toProtoMinter(minter: MinterState): Minter {
  return { inflation: minter.inflation.toString(), annualProvisions: minter.annualProvisions.toString() };
}

export function fromProtoMinter(minter: Minter): MinterState {
  return { inflation: BigInt(minter.inflation), annualProvisions: BigInt(minter.annualProvisions) };
}

/** Genesis / governance JSON, as the SDK prints it. */
export function mintParamsJson(params: MintParams): Record<string, unknown> {
  return {
    mint_denom: params.mintDenom,
    inflation_rate_change: formatDecimal(params.inflationRateChange),
    inflation_max: formatDecimal(params.inflationMax),
    inflation_min: formatDecimal(params.inflationMin),
    goal_bonded: formatDecimal(params.goalBonded),
    blocks_per_year: params.blocksPerYear.toString(),
  };
}

export function minterJson(minter: MinterState): Record<string, unknown> {
  return { inflation: formatDecimal(minter.inflation), annual_provisions: formatDecimal(minter.annualProvisions) };
}

/** A JSON decimal field ("0.13"); an error naming the field otherwise. */
export function readDecimalField(json: Record<string, unknown>, field: string, error = ErrInvalidMintParams): bigint | AppError {
  const value = json[field];
  const parsed = typeof value === "string" ? parseDecimal(value) : undefined;
  return parsed ?? error.wrap(`${field} must be a non-negative decimal string, got ${JSON.stringify(value)}`);
}

/** Params from genesis JSON: every field present and valid. */
export function parseMintParamsJson(value: unknown): MintParams | AppError {
  if (value === null || typeof value !== "object") return ErrInvalidMintParams.wrap("params must be an object");
  const json = value as Record<string, unknown>;
  const fields: bigint[] = [];
  for (const field of ["inflation_rate_change", "inflation_max", "inflation_min", "goal_bonded"]) {
    const parsed = readDecimalField(json, field);
    if (typeof parsed !== "bigint") return parsed;
    fields.push(parsed);
  }
  const blocks = json.blocks_per_year;
  if (!(typeof blocks === "string" && /^\d{1,19}$/.test(blocks)) && !(typeof blocks === "number" && Number.isSafeInteger(blocks))) {
    return ErrInvalidMintParams.wrap(`blocks_per_year must be a whole number, got ${JSON.stringify(blocks)}`);
  }
  const params: MintParams = {
    mintDenom: typeof json.mint_denom === "string" ? json.mint_denom : "",
    inflationRateChange: fields[0]!,
    inflationMax: fields[1]!,
    inflationMin: fields[2]!,
    goalBonded: fields[3]!,
    blocksPerYear: BigInt(blocks),
  };
  return validateMintParams(params) ?? params;
}
