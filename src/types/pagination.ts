import type { PageRequest, PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { concatBytes } from "../store/bytes.js";
import type { Entry, KVReader } from "../store/kv.js";
import { ErrInvalidRequest, type AppError } from "./errors.js";

export const DEFAULT_PAGE_LIMIT = 100;
/** Pages are capped so one query's work stays bounded. */
export const MAX_PAGE_LIMIT = 1000;

/**
 * One page of `store`'s entries, as the Cosmos SDK's query.Paginate: by key (continuing from a
 * previous page's next_key) or by offset, optionally reversed and with the total counted.
 */
export function paginate(store: KVReader, page: PageRequest | undefined): { entries: Entry[]; page: PageResponse } | AppError {
  return paginateFiltered(store, page, () => true);
}

/**
 * One page of the entries `keep` accepts, as the SDK's FilteredPaginate: offset, limit and the
 * total count accepted entries only; next_key is the first accepted entry after the page.
 */
export function paginateFiltered(store: KVReader, page: PageRequest | undefined, keep: (entry: Entry) => boolean): { entries: Entry[]; page: PageResponse } | AppError {
  const key = page?.key ?? new Uint8Array(0);
  const offset = Number(page?.offset ?? 0n);
  const reverse = page?.reverse ?? false;
  if (key.length > 0 && offset > 0) return ErrInvalidRequest.wrap("either offset or key is expected, got both");
  const requested = Number(page?.limit ?? 0n);
  const limit = requested === 0 ? DEFAULT_PAGE_LIMIT : Math.min(requested, MAX_PAGE_LIMIT);
  // As the Cosmos SDK: the total is counted when asked for, or when no limit was given.
  const countTotal = (page?.countTotal === true || requested === 0) && key.length === 0;

  const range = key.length === 0 ? {} : reverse ? { end: concatBytes(key, Uint8Array.of(0)) } : { start: key };
  const entries: Entry[] = [];
  let nextKey: Uint8Array = new Uint8Array(0);
  let matched = 0;
  for (const entry of store.iterate({ ...range, reverse })) {
    if (!keep(entry)) continue;
    matched++;
    if (matched <= offset) continue;
    if (entries.length < limit) {
      entries.push(entry);
      continue;
    }
    if (nextKey.length === 0) nextKey = entry[0];
    if (!countTotal) break;
  }
  return { entries, page: { nextKey, total: countTotal ? BigInt(matched) : 0n } };
}
