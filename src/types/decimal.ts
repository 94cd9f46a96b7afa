/**
 * Fixed-point decimals with 18 places held in bigint (as the Cosmos SDK's LegacyDec), for rates
 * and prices. Rounding is explicit in each function's name.
 */
export const DECIMAL_PLACES = 18;
export const ONE = 10n ** BigInt(DECIMAL_PLACES);

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d{1,18}))?$/;

/** Parses "0.025" into its scaled bigint; undefined when not a non-negative decimal with ≤ 18 places. */
export function parseDecimal(text: string): bigint | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? "").padEnd(DECIMAL_PLACES, "0");
  return BigInt(match[1]!) * ONE + BigInt(fraction);
}

/** The decimal with all 18 places, as the Cosmos SDK prints it: "0.025000000000000000". */
export function formatDecimal(value: bigint): string {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / ONE}.${(abs % ONE).toString().padStart(DECIMAL_PLACES, "0")}`;
}

/** integer × decimal, rounded up. */
export function mulCeil(integer: bigint, decimal: bigint): bigint {
  const product = integer * decimal;
  return product / ONE + (product % ONE === 0n ? 0n : 1n);
}
