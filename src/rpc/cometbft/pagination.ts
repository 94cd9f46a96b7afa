/** CometBFT's paging rules for `tx_search` and `validators`. */

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

/** Absent or below 1 means the default; above the maximum means the maximum. */
export function perPageOf(requested: number | undefined): number {
  if (requested === undefined || requested < 1) return DEFAULT_PER_PAGE;
  return Math.min(requested, MAX_PER_PAGE);
}

/** An absent page is the first; a given one must exist (an empty result has one empty page). */
export function checkPage(page: number | undefined, perPage: number, totalCount: number): number {
  if (page === undefined) return 1;
  const pages = Math.max(1, Math.ceil(totalCount / perPage));
  if (page < 1 || page > pages) throw new Error(`page should be within [1, ${pages}] range, given ${page}`);
  return page;
}
