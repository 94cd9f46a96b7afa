import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { ErrInvalidMintGenesis } from "./errors.js";
import type { MintKeeper } from "./keeper.js";
import { DEFAULT_MINT_PARAMS, DEFAULT_MINTER, mintParamsJson, minterJson, parseMintParamsJson, readDecimalField, type MinterState } from "./params.js";

export function defaultMintGenesis(): unknown {
  return { minter: minterJson(DEFAULT_MINTER), params: mintParamsJson(DEFAULT_MINT_PARAMS) };
}

function parseMinter(value: unknown): MinterState | AppError {
  if (value === null || typeof value !== "object") return ErrInvalidMintGenesis.wrap("minter must be an object");
  const json = value as Record<string, unknown>;
  const inflation = readDecimalField(json, "inflation", ErrInvalidMintGenesis);
  if (isError(inflation)) return inflation;
  const annualProvisions = readDecimalField(json, "annual_provisions", ErrInvalidMintGenesis);
  if (isError(annualProvisions)) return annualProvisions;
  return { inflation, annualProvisions };
}

/** The SDK's genesis `{ minter, params }`; an absent section takes its default. */
export function initMintGenesis(keeper: MintKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { minter?: unknown; params?: unknown };
  const params = raw.params === undefined ? DEFAULT_MINT_PARAMS : parseMintParamsJson(raw.params);
  if (isError(params)) return params;
  const minter = raw.minter === undefined ? DEFAULT_MINTER : parseMinter(raw.minter);
  if (isError(minter)) return minter;
  keeper.setParams(ctx, params);
  keeper.setMinter(ctx, minter);
  return undefined;
}

export function exportMintGenesis(keeper: MintKeeper, ctx: Context): unknown {
  return { minter: minterJson(keeper.getMinter(ctx)), params: mintParamsJson(keeper.getParams(ctx)) };
}
