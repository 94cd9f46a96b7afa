import type { ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { bytesToKey } from "../../store/bytes.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { decodeConsensusAddress } from "./addresses.js";
import { ErrInvalidGenesis } from "./errors.js";
import { DEFAULT_SLASHING_PARAMS, PARAM_KEYS, paramsJson, withParam, type SlashingParams } from "./params.js";
import { SlashingStore } from "./store.js";
import { parseTime } from "./time.js";
import { formatTime } from "../../types/time.js";

/**
 * Slashing's genesis in the SDK's shape (params, signing_infos, missed_blocks), plus
 * evidence_params: the evidence age limits CometBFT keeps in its consensus params.
 */
export function defaultSlashingGenesis(): unknown {
  return { ...genesisParams(DEFAULT_SLASHING_PARAMS), signing_infos: [], missed_blocks: [] };
}

function genesisParams(params: SlashingParams): Record<string, unknown> {
  const { max_age_num_blocks, max_age_duration, ...slashing } = paramsJson(params);
  return { params: slashing, evidence_params: { max_age_num_blocks, max_age_duration } };
}

type Json = Record<string, unknown>;

/**
 * Imports params, then each signing info (a valid persistencevalcons address, once) and its
 * missed blocks (indexes within the window, as many as its missed_blocks_counter). Signing infos
 * of genesis validators that staking bonds later in this genesis come from its hooks instead.
 */
export function initSlashingGenesis(ctx: Context, json: unknown): AppError | undefined {
  const genesis = (json ?? {}) as Json;
  const params = readParams({ ...((genesis.params ?? {}) as Json), ...((genesis.evidence_params ?? {}) as Json) });
  if (isError(params)) return params;
  const store = new SlashingStore(ctx);
  store.setParams(params);
  const signingInfos = objects(genesis.signing_infos, "signing_infos");
  if (isError(signingInfos)) return signingInfos;
  const missedBlocks = objects(genesis.missed_blocks, "missed_blocks");
  if (isError(missedBlocks)) return missedBlocks;
  const seen = new Map<string, bigint>();
  for (const entry of signingInfos) {
    const read = readSigningInfo(entry, params);
    if (isError(read)) return read;
    const key = bytesToKey(read.consensus);
    if (seen.has(key)) return ErrInvalidGenesis.wrap(`signing info of ${read.info.address} appears twice`);
    seen.set(key, read.info.missedBlocksCounter);
    store.setSigningInfo(read.consensus, read.info);
    store.setBitmapWindow(read.consensus, params.signedBlocksWindow);
  }
  const withMisses = new Set<string>();
  for (const { address, missed_blocks } of missedBlocks) {
    const consensus = decodeConsensusAddress(String(address));
    if (isError(consensus)) return ErrInvalidGenesis.wrap(`missed blocks: ${consensus.message}`);
    const key = bytesToKey(consensus);
    if (!seen.has(key)) return ErrInvalidGenesis.wrap(`missed blocks of ${String(address)}, which has no signing info`);
    if (withMisses.has(key)) return ErrInvalidGenesis.wrap(`missed blocks of ${String(address)} appear twice`);
    withMisses.add(key);
    const blocks = objects(missed_blocks, `missed blocks of ${String(address)}`);
    if (isError(blocks)) return blocks;
    let count = 0n;
    for (const { index, missed } of blocks) {
      const at = wholeNumber(index);
      if (at === undefined || at >= params.signedBlocksWindow) return ErrInvalidGenesis.wrap(`missed block index ${JSON.stringify(index)} of ${String(address)} is not within the window`);
      if (missed !== true) continue;
      if (store.missed(consensus, at)) return ErrInvalidGenesis.wrap(`missed block index ${at} of ${String(address)} appears twice`);
      store.setMissed(consensus, at, true);
      count++;
    }
    if (count !== seen.get(key)) return ErrInvalidGenesis.wrap(`${String(address)} lists ${count} missed blocks but its missed_blocks_counter is ${seen.get(key)}`);
  }
  for (const [key, counter] of seen) {
    if (counter !== 0n && !withMisses.has(key)) return ErrInvalidGenesis.wrap(`a signing info counts ${counter} missed blocks that missed_blocks does not list`);
  }
  return undefined;
}

function readParams(json: Json): SlashingParams | AppError {
  let params = DEFAULT_SLASHING_PARAMS;
  for (const key of PARAM_KEYS) {
    if (json[key] === undefined) continue;
    const next = withParam(params, key, json[key]);
    if (isError(next)) return next;
    params = next;
  }
  const unknown = Object.keys(json).filter((key) => !(PARAM_KEYS as readonly string[]).includes(key));
  return unknown.length ? ErrInvalidGenesis.wrap(`unknown slashing params: ${unknown.join(", ")}`) : params;
}

function readSigningInfo(entry: Json, params: SlashingParams): { consensus: Uint8Array; info: ValidatorSigningInfo } | AppError {
  const consensus = decodeConsensusAddress(String(entry.address));
  if (isError(consensus)) return ErrInvalidGenesis.wrap(`signing info: ${consensus.message}`);
  const where = `signing info of ${String(entry.address)}`;
  const info = (entry.validator_signing_info ?? {}) as Json;
  if (info.address !== entry.address) return ErrInvalidGenesis.wrap(`${where}: validator_signing_info.address must be the same address`);
  const startHeight = wholeNumber(info.start_height ?? "0");
  const indexOffset = wholeNumber(info.index_offset ?? "0");
  const missedBlocksCounter = wholeNumber(info.missed_blocks_counter ?? "0");
  const jailedUntil = parseTime(String(info.jailed_until ?? "1970-01-01T00:00:00Z"));
  if (startHeight === undefined || indexOffset === undefined) return ErrInvalidGenesis.wrap(`${where}: start_height and index_offset must be whole numbers`);
  if (missedBlocksCounter === undefined || missedBlocksCounter > params.signedBlocksWindow) return ErrInvalidGenesis.wrap(`${where}: missed_blocks_counter must be from 0 to the window`);
  if (!jailedUntil) return ErrInvalidGenesis.wrap(`${where}: jailed_until must be an RFC 3339 time`);
  if (info.tombstoned !== undefined && typeof info.tombstoned !== "boolean") return ErrInvalidGenesis.wrap(`${where}: tombstoned must be true or false`);
  return { consensus, info: { address: String(entry.address), startHeight, indexOffset, jailedUntil, tombstoned: info.tombstoned === true, missedBlocksCounter } };
}

/** Every signing info in address order, with its missed blocks: O(validators × window / 1024). */
export function exportSlashingGenesis(ctx: Context): unknown {
  const store = new SlashingStore(ctx);
  const params = store.params();
  const signingInfos: Json[] = [];
  const missedBlocks: Json[] = [];
  for (const [consensus] of store.signingInfos().iterate()) {
    let info = store.signingInfo(consensus)!;
    // A bitmap kept for a window governance has since changed restarts, as the next vote would restart it.
    const stale = store.bitmapWindow(consensus) !== params.signedBlocksWindow;
    if (stale) info = { ...info, indexOffset: 0n, missedBlocksCounter: 0n };
    signingInfos.push({ address: info.address, validator_signing_info: signingInfoJson(info) });
    const missed = stale ? [] : [...store.missedIndexes(consensus)];
    missedBlocks.push({ address: info.address, missed_blocks: missed.map((index) => ({ index: index.toString(), missed: true })) });
  }
  return { ...genesisParams(params), signing_infos: signingInfos, missed_blocks: missedBlocks };
}

/** The SDK's JSON of a ValidatorSigningInfo. */
export function signingInfoJson(info: ValidatorSigningInfo): Json {
  return {
    address: info.address,
    start_height: info.startHeight.toString(),
    index_offset: info.indexOffset.toString(),
    jailed_until: formatTime(info.jailedUntil),
    tombstoned: info.tombstoned,
    missed_blocks_counter: info.missedBlocksCounter.toString(),
  };
}

/** A genesis list of objects; an absent one is empty. */
function objects(value: unknown, name: string): Json[] | AppError {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => item === null || typeof item !== "object")) return ErrInvalidGenesis.wrap(`${name} must be a list of objects`);
  return value as Json[];
}

function wholeNumber(value: unknown): bigint | undefined {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === "string" && /^(0|[1-9]\d{0,18})$/.test(text) && BigInt(text) < 2n ** 63n ? BigInt(text) : undefined;
}
