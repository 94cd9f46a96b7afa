/** Whole numbers written in decimal, as the Cosmos SDK writes math.Int. */
const WHOLE_NUMBER = /^(0|[1-9]\d*)$/;
/** Stakes, weights' factors and uxprt amounts stay below 2^128, so every product fits bank's 256 bits. */
export const MAX_AMOUNT = 2n ** 128n - 1n;

/** A whole number from 0 to MAX_AMOUNT, or undefined. */
export function parseWholeNumber(text: string): bigint | undefined {
  if (!WHOLE_NUMBER.test(text) || text.length > 39) return undefined;
  const value = BigInt(text);
  return value <= MAX_AMOUNT ? value : undefined;
}
