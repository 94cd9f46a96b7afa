import { STABLECOIN_DENOM, STAKING_DENOM } from "../types/denoms.js";
import { isValidDenom, type Coin } from "../types/coins.js";
import { CliError } from "./errors.js";

/** A denom people read in whole units: `xprt` is 10^6 `uxprt`, shown as "XPRT". */
interface DisplayUnit {
  base: string;
  display: string;
  symbol: string;
  exponent: number;
}

/** As the genesis denom metadata declares them. */
const DISPLAY_UNITS: readonly DisplayUnit[] = [
  { base: STAKING_DENOM, display: "xprt", symbol: "XPRT", exponent: 6 },
  { base: STABLECOIN_DENOM, display: "usd", symbol: "USD", exponent: 6 },
];

const COIN_PATTERN = /^(\d+)(?:\.(\d+))?([a-zA-Z][a-zA-Z0-9/:._-]*)$/;

/**
 * Parses coins as people type them: base units ("1000uxprt") or display units with up to their
 * decimals ("1.5xprt", "500usd"), comma-separated. Amounts of one denom add up; the result is
 * sorted by denom and every amount is positive.
 *
 * @example
 * parseCoinsArgument("1.5xprt,500usd"); // [{ denom: "uusd", amount: 500000000n }, { denom: "uxprt", amount: 1500000n }]
 */
export function parseCoinsArgument(text: string): Coin[] {
  const totals = new Map<string, bigint>();
  for (const part of text.split(",")) {
    const coin = parseOneCoin(part.trim(), text);
    totals.set(coin.denom, (totals.get(coin.denom) ?? 0n) + coin.amount);
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([denom, amount]) => ({ denom, amount }));
}

function parseOneCoin(part: string, whole: string): Coin {
  const match = COIN_PATTERN.exec(part);
  const denom = match?.[3];
  if (!match || !denom || !isValidDenom(denom)) {
    throw new CliError("invalid_coins", `invalid coins "${whole}": expected e.g. 1000000uxprt, 1.5xprt or 100usd`);
  }
  const integer = match[1]!;
  const fraction = match[2] ?? "";
  const unit = DISPLAY_UNITS.find((u) => u.display === denom);
  if (!unit && fraction !== "") throw new CliError("invalid_coins", `invalid coins "${whole}": ${denom} is a base denom, so its amount must be a whole number`);
  if (unit && fraction.length > unit.exponent) {
    throw new CliError("invalid_coins", `invalid coins "${whole}": ${denom} has ${unit.exponent} decimals`);
  }
  const amount = unit ? BigInt(integer) * 10n ** BigInt(unit.exponent) + BigInt(fraction.padEnd(unit.exponent, "0")) : BigInt(integer);
  if (amount === 0n) throw new CliError("invalid_coins", `invalid coins "${whole}": amounts must be positive`);
  return { denom: unit ? unit.base : denom, amount };
}

/**
 * An amount in display units with all its decimals and thousands separators, e.g.
 * "1,234.567890 XPRT"; a denom without display units is shown in base units ("12foo").
 */
export function formatAmount(coin: Coin): string {
  const unit = DISPLAY_UNITS.find((u) => u.base === coin.denom);
  if (!unit) return `${coin.amount}${coin.denom}`;
  const scale = 10n ** BigInt(unit.exponent);
  const fraction = (coin.amount % scale).toString().padStart(unit.exponent, "0");
  return `${groupThousands((coin.amount / scale).toString())}.${fraction} ${unit.symbol}`;
}

/** "1,234.567890 XPRT (1234567890uxprt)": the amount people read beside the exact one. */
export function formatCoin(coin: Coin): string {
  const display = formatAmount(coin);
  return DISPLAY_UNITS.some((u) => u.base === coin.denom) ? `${display} (${coin.amount}${coin.denom})` : display;
}

/** Coins as `--output json` shows them: the exact base amount as a string, and its display form. */
export function coinJson(coin: Coin): { denom: string; amount: string; display: string } {
  return { denom: coin.denom, amount: coin.amount.toString(), display: formatAmount(coin) };
}

/** A wire coin ({ denom, amount: "123" }) as a Coin. */
export function fromWireCoin(coin: { denom: string; amount: string }): Coin {
  return { denom: coin.denom, amount: BigInt(coin.amount) };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
