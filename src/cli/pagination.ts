import { InvalidArgumentError, Option, type Command } from "commander";
import type { PageRequest, PageResponse } from "../generated/persistence/base/query/v1/pagination.js";
import type { NodeUrlOptions } from "./command-context.js";

/** The options `withPageOptions` adds to a list query. */
export interface PageOptions extends NodeUrlOptions {
  limit?: bigint;
  pageKey?: string;
}

/** Adds `--limit` and `--page-key` to a list query. */
export function withPageOptions(command: Command): Command {
  return command
    .addOption(new Option("--limit <n>", "at most this many entries (default 100)").argParser(parseCount))
    .option("--page-key <base64>", "continue from the key a previous page printed");
}

/** The page the options ask for; the total is counted on the first page only. */
export function pageRequest(options: PageOptions): Partial<PageRequest> {
  return { key: pageKey(options.pageKey), limit: options.limit ?? 0n, countTotal: options.pageKey === undefined };
}

/** The key a `--page-key` names (base64), or the empty key of the first page. */
export function pageKey(base64: string | undefined): Uint8Array {
  return base64 ? new Uint8Array(Buffer.from(base64, "base64")) : new Uint8Array();
}

/** The line that tells how to ask for the next page, when there is one. */
export function pageLines(pagination: PageResponse | undefined): string[] {
  return pagination && pagination.nextKey.length > 0 ? [`more: --page-key ${Buffer.from(pagination.nextKey).toString("base64")}`] : [];
}

function parseCount(text: string): bigint {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new InvalidArgumentError("expected a whole number from 1 to 999999");
  return BigInt(text);
}
