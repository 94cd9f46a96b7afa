import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { VALOPER_PREFIX } from "../../modules/staking/keys.js";
import { formatProtoTimestamp } from "../../rpc/rest/json/timestamp.js";
import { decodeAddress } from "../../types/address.js";
import type { Coin } from "../../types/coins.js";
import { formatDecimal, ONE, parseDecimal } from "../../types/decimal.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { isError } from "../../types/errors.js";
import { CliError } from "../errors.js";
import { formatCoin, parseCoinsArgument } from "../money.js";

/** Parsers and formatters the staking commands share. */

/** A validator's operator address (persistencevaloper1…), checked before anything is signed or asked. */
export function operatorAddress(text: string): string {
  if (isError(decodeAddress(text, VALOPER_PREFIX))) throw new CliError("invalid_address", `invalid validator address "${text}": expected ${VALOPER_PREFIX}1…`);
  return text;
}

/** An account address (persistence1…). */
export function accountAddress(text: string): string {
  if (isError(decodeAddress(text))) throw new CliError("invalid_address", `invalid address "${text}": expected persistence1…`);
  return text;
}

/** An amount of the bond denom as people type it: "12.5xprt" or "12500000uxprt". */
export function bondAmount(text: string): Coin {
  const coins = parseCoinsArgument(text);
  if (coins.length !== 1 || coins[0]!.denom !== STAKING_DENOM) throw new CliError("invalid_coins", `invalid amount "${text}": expected an amount of xprt or uxprt, e.g. 10xprt`);
  return coins[0]!;
}

/** A rate from 0 to 1 ("0.05"), as the LegacyDec digits the wire carries ("50000000000000000"). */
export function rateDigits(text: string, name: string): string {
  const rate = parseDecimal(text);
  if (rate === undefined || rate > ONE) throw new CliError("invalid_rate", `invalid ${name} "${text}": expected a decimal from 0 to 1, e.g. 0.05`);
  return rate.toString();
}

/** A LegacyDec's wire digits as a percentage people read: "50000000000000000" → "5%". */
export function percent(digits: string): string {
  const text = formatDecimal(BigInt(digits || "0") * 100n).replace(/\.?0+$/, "");
  return `${text}%`;
}

/** Delegation shares (LegacyDec digits) in whole shares, trailing zeros dropped. */
export function shares(digits: string): string {
  return formatDecimal(BigInt(digits || "0")).replace(/\.?0+$/, "");
}

export function xprt(amount: string | bigint): string {
  return formatCoin({ denom: STAKING_DENOM, amount: BigInt(amount) });
}

export function time(timestamp: Timestamp | undefined): string {
  return timestamp ? formatProtoTimestamp(timestamp) : "-";
}
