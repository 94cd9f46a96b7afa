import { InvalidArgumentError } from "commander";
import type { OrderView, PoolView } from "../../generated/persistence/pools/v1/query.js";
import { OrderState } from "../../generated/persistence/pools/v1/query.js";
import { Tranche } from "../../generated/persistence/pools/v1/types.js";
import { formatDecimal, parseDecimal } from "../../types/decimal.js";
import { CliError } from "../errors.js";
import { describeRequirement } from "./assets-values.js";
import { formatDuration, percent, usd } from "./lending-values.js";

/** "senior" or "junior" as the chain's enum. */
export function parseTranche(text: string): Tranche {
  if (text === "senior") return Tranche.TRANCHE_SENIOR;
  if (text === "junior") return Tranche.TRANCHE_JUNIOR;
  throw new CliError("invalid_tranche", `invalid tranche "${text}": expected senior or junior`);
}

export const trancheName = (tranche: Tranche): string => (tranche === Tranche.TRANCHE_SENIOR ? "senior" : "junior");

/** A ratio in [0, 1] as a fraction ("0.2") or a percentage ("20%"), as the chain's decimal string. */
export function parseRatio(text: string): string {
  const isPercent = text.endsWith("%");
  const value = parseDecimal(isPercent ? text.slice(0, -1) : text);
  if (value === undefined || (isPercent && value % 100n !== 0n)) throw new InvalidArgumentError("expected a fraction such as 0.2 or a percentage such as 20%");
  return decimalText(isPercent ? value / 100n : value);
}

/** An 18-decimal value as the decimal string the chain reads and prints ("0.2" → "0.200000000000000000"). */
export const decimalText = formatDecimal;

/** A whole number of tranche token base units. */
export function parseTokens(text: string): bigint {
  if (!/^(0|[1-9]\d{0,37})$/.test(text)) throw new CliError("invalid_tokens", `invalid tokens "${text}": expected a whole number of base units`);
  return BigInt(text);
}

/** A token price as the chain prints it ("1.050000000000000000") → "1.05 USD per token". */
export const price = (text: string) => `${text.replace(/0+$/, "").replace(/\.$/, "")} USD per token`;

export function describePool(view: PoolView): string[] {
  const pool = view.pool!;
  return [
    `pool ${pool.id} by ${pool.originator}: epoch ${pool.epoch} ${pool.epochState === 2 ? "executing" : "open"} since ${pool.epochStart ? new Date(Number(pool.epochStart.seconds) * 1000).toISOString() : "—"}`,
    `  NAV ${usd(view.nav)}, reserve ${usd(pool.reserve)} (max ${usd(pool.maxReserve)}), discount ${percent(parseDecimal(pool.discountApr)!)} APR`,
    `  senior ${view.seniorDenom}: ${usd(view.seniorValue)}, ${price(view.seniorPrice)}, ${percent(parseDecimal(pool.seniorApr)!)} APR`,
    `  junior ${view.juniorDenom}: ${usd(view.juniorValue)}, ${price(view.juniorPrice)}, ratio ${percent(parseDecimal(pool.minJuniorRatio)!)}–${percent(parseDecimal(pool.maxJuniorRatio)!)}`,
    `  investors: ${describeRequirement(pool.investorRequirement)}; epochs at least ${formatDuration(pool.minEpochSeconds)}`,
  ];
}

const STATES: Record<number, string> = {
  [OrderState.ORDER_STATE_OPEN]: "open",
  [OrderState.ORDER_STATE_LOCKED]: "locked (epoch executing)",
  [OrderState.ORDER_STATE_PARTLY_EXECUTED]: "partly executed, rest open",
  [OrderState.ORDER_STATE_EXECUTED]: "executed, to claim",
  [OrderState.ORDER_STATE_DONE]: "done",
};

export function describeOrder(view: OrderView): string {
  const order = view.order!;
  return `${trancheName(order.tranche)}: ${STATES[view.state] ?? "unknown"}; invest ${usd(order.invest)}, redeem ${order.redeem} tokens; claimable ${order.claimableTokens} tokens and ${usd(order.claimableUusd)}`;
}
