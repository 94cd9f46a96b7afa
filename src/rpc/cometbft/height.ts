import type { NodeApi } from "../../node/api.js";

export interface HeightBounds {
  earliest: bigint;
  latest: bigint;
}

/** The heights the node holds blocks for. */
export function chainBounds(node: NodeApi): HeightBounds {
  const sync = node.syncInfo();
  return { earliest: sync.earliestBlockHeight, latest: sync.latestBlockHeight };
}

/**
 * CometBFT's `getHeight`: an absent height means the latest; a given one must lie within
 * [earliest, latest].
 */
export function resolveHeight(requested: bigint | undefined, bounds: HeightBounds): bigint {
  if (requested === undefined) return bounds.latest;
  if (requested <= 0n) throw new Error(`height must be greater than 0, but got ${requested}`);
  if (requested > bounds.latest) {
    throw new Error(`height ${requested} must be less than or equal to the current blockchain height ${bounds.latest}`);
  }
  if (requested < bounds.earliest) throw new Error(`height ${requested} is not available, lowest height is ${bounds.earliest}`);
  return requested;
}
