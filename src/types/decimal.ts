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

/** n / d rounded half to even, symmetric for negatives: the Cosmos SDK's LegacyDec rounding. */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const num = n < 0n ? -n : n;
  const den = d < 0n ? -d : d;
  const quotient = num / den;
  const twice = (num % den) * 2n;
  const rounded = twice > den || (twice === den && quotient % 2n === 1n) ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** decimal × decimal, rounded half to even (LegacyDec.Mul). */
export function decMul(a: bigint, b: bigint): bigint {
  return divRoundHalfEven(a * b, ONE);
}

/** decimal ÷ decimal, rounded half to even (LegacyDec.Quo). */
export function decQuo(a: bigint, b: bigint): bigint {
  return divRoundHalfEven(a * ONE, b);
}

/** decimal × decimal, truncated toward zero (LegacyDec.MulTruncate). */
export function decMulTruncate(a: bigint, b: bigint): bigint {
  return (a * b) / ONE;
}

/** decimal ÷ decimal, truncated toward zero (LegacyDec.QuoTruncate). */
export function decQuoTruncate(a: bigint, b: bigint): bigint {
  return (a * ONE) / b;
}
