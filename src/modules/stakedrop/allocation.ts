/** The outcome of sharing a total by weight under a per-address cap. */
export interface CappedShares {
  /** Each weight's amount, in the order the weights were given. */
  amounts: bigint[];
  /** How many amounts were set to the cap. */
  capped: number;
  /** The total less the sum of the amounts: rounding dust (plus, when every address is capped, what no one may receive). */
  dust: bigint;
}

/**
 * Shares `total` in proportion to `weights`, no amount above `cap`, as a fixed point: the capped
 * addresses get exactly `cap`, and the others share what is left, `total − capped × cap`, in
 * proportion to their weight, each rounded down.
 *
 * Found in one pass over the weights from the largest down: with R left to share among the
 * weights W not yet capped, the largest w is capped while R × w > cap × W (its share would
 * exceed the cap). Capping it raises R / W (R × w > cap × W ⇔ (R − cap) / (W − w) > R / W), so
 * the next largest must be checked again, and once one is not capped no smaller one is. Exact
 * bigint arithmetic; O(n log n) for the sort. Ties are ordered by position only so the sort is
 * total: equal weights always get equal amounts.
 *
 * Rounding: each uncapped amount is floor(R × w / W), so the dust is below the number of
 * uncapped addresses with a positive weight. When the cap binds for everyone (n × cap ≤ total),
 * everyone gets the cap and `total − n × cap` is left over. Zero weights get nothing.
 *
 * @example
 * shareWithCap([1n, 1n, 8n], 100n, 50n); // { amounts: [25n, 25n, 50n], capped: 1, dust: 0n }
 */
export function shareWithCap(weights: readonly bigint[], total: bigint, cap: bigint): CappedShares {
  const order = weights.map((_, i) => i).sort((a, b) => (weights[a]! > weights[b]! ? -1 : weights[a]! < weights[b]! ? 1 : a - b));
  let remaining = total;
  let remainingWeight = weights.reduce((sum, w) => sum + w, 0n);
  let capped = 0;
  while (capped < order.length && remainingWeight > 0n) {
    const weight = weights[order[capped]!]!;
    if (remaining * weight <= cap * remainingWeight) break;
    remaining -= cap;
    remainingWeight -= weight;
    capped++;
  }
  const amounts = new Array<bigint>(weights.length).fill(0n);
  order.forEach((index, rank) => {
    if (rank < capped) amounts[index] = cap;
    else if (remainingWeight > 0n) amounts[index] = (remaining * weights[index]!) / remainingWeight;
  });
  return { amounts, capped, dust: total - amounts.reduce((sum, a) => sum + a, 0n) };
}
